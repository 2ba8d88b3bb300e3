/**
 * `npm run bench:events`: what event streams cost the mock. Two mocks run side by side on one
 * pinned core; one has 1,000 streams open on the 100 sessions the workload writes to. Both get the
 * same mixed workload in interleaved rounds, and a probe times, under that load, how long after a
 * change's response its event reaches a stream. Prints figures and targets; exits 0 once measured.
 *
 * Options: `--duration S` measured per mock (12), `--rounds N` (6), `--warmup S` (2),
 * `--connections N` (10), `--streams N` (1000), `--sessions N` (100), `--no-pin`, and `--rate N`:
 * hold both mocks to N requests/s, so that CPU per request compares equal loads even when the
 * load generator, whose core also runs the stream clients, cannot saturate the mock with streams.
 */
import { readFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { describePlacement, pinThisProcess, planPlacement } from './cpu-placement.js';
import type { ChildServer } from './child-server.js';
import { WATCHED_CYCLE, watchedMixedWorkload } from './event-workload.js';
import { summarizeLatencies } from './percentiles.js';
import { runLoad, summarizeRuns, warmUp, type LoadRun, type LoadTarget } from './run-load.js';
import { openLatencyProbe, openStreamPool } from './sse-clients.js';
import { startMock } from './targets.js';

const TOKEN = 'demo-ana';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return Math.round(n);
}

/** Resident memory of a process in bytes, from /proc; null where it is not readable. */
function rssBytes(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

async function createSessions(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: `watched ${i}`, files: [{ path: 'README.md', content: '# Watched\n' }] }) });
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '12' },
      rounds: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      streams: { type: 'string', default: '1000' },
      sessions: { type: 'string', default: '100' },
      'no-pin': { type: 'boolean', default: false },
      rate: { type: 'string' },
    },
  });
  const overallRate = values.rate === undefined ? undefined : positive(values.rate, 'rate');
  const [duration, rounds, warmup, connections, streams, sessions] = (['duration', 'rounds', 'warmup', 'connections', 'streams', 'sessions'] as const).map((k) => positive(values[k], k)) as [number, number, number, number, number, number];
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  const log = (message: string): void => void process.stderr.write(`bench:events: ${message}\n`);
  const servers: ChildServer[] = [];
  try {
    log('starting two mocks (dist/mock/cli.js)');
    const plain = await startMock(placement);
    servers.push(plain);
    const watched = await startMock(placement);
    servers.push(watched);
    const plainIds = await createSessions(plain.url, sessions);
    const watchedIds = await createSessions(watched.url, sessions);
    const rssBefore = rssBytes(watched.pid);
    log(`opening ${streams} streams on ${sessions} sessions`);
    const pool = await openStreamPool(watched.url, TOKEN, watchedIds, Math.ceil(streams / sessions));
    await sleep(1_000);
    const rssAfter = rssBytes(watched.pid);
    const probe = await openLatencyProbe(watched.url, TOKEN, watchedIds[0] ?? '');
    const target = (server: ChildServer, ids: string[]): LoadTarget => ({ url: server.url, requests: watchedMixedWorkload(TOKEN, ids), connections, pid: server.pid, overallRate });
    const targets = { without: target(plain, plainIds), with: target(watched, watchedIds) };
    log(`warm-up ${warmup} s each`);
    await warmUp(targets.without, warmup);
    await warmUp(targets.with, warmup);
    const runs: Record<'without' | 'with', LoadRun[]> = { without: [], with: [] };
    const delays: number[] = [];
    const seconds = duration / rounds;
    for (let round = 1; round <= rounds; round += 1) {
      log(`round ${round}/${rounds}: ${seconds} s without streams, ${seconds} s with`);
      runs.without.push(await runLoad(targets.without, seconds));
      const loaded = runLoad(targets.with, seconds);
      const [run, sampled] = await Promise.all([loaded, probe.run(loaded, 10)]);
      runs.with.push(run);
      delays.push(...sampled);
    }
    const bytes = pool.bytes();
    const stillOpen = pool.open();
    probe.close();
    pool.close();

    const without = summarizeRuns(runs.without);
    const withStreams = summarizeRuns(runs.with);
    const delay = summarizeLatencies(delays);
    const rate = withStreams.requestsPerSecond / without.requestsPerSecond;
    const cpu = without.cpuMicrosPerRequest && withStreams.cpuMicrosPerRequest ? withStreams.cpuMicrosPerRequest / without.cpuMicrosPerRequest : null;
    const perStream = rssBefore !== null && rssAfter !== null ? (rssAfter - rssBefore) / streams : null;
    const f = (n: number | null, digits = 1): string => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
    const cpuInfo = cpus();
    console.log(`Events bench ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${platform()} ${release()}, ${cpuInfo.length} CPUs (${cpuInfo[0]?.model.trim() ?? 'unknown'}); ${describePlacement(placement)}`);
    console.log(`Workload (${connections} connections${overallRate === undefined ? '' : `, held to ${overallRate} req/s`}): ${WATCHED_CYCLE}; ${rounds} interleaved rounds of ${seconds} s per mock`);
    console.log(`  without streams: ${f(without.requestsPerSecond / 1000)}k req/s, p99 ${f(without.p99Ms, 2)} ms, ${f(without.cpuMicrosPerRequest)} µs CPU/request, non-2xx ${without.non2xx}`);
    console.log(`  with ${streams} streams: ${f(withStreams.requestsPerSecond / 1000)}k req/s, p99 ${f(withStreams.p99Ms, 2)} ms, ${f(withStreams.cpuMicrosPerRequest)} µs CPU/request, non-2xx ${withStreams.non2xx}`);
    console.log(`  streams received ${f(bytes / 1_048_576)} MiB; ${stillOpen} of ${streams} still open at the end`);
    console.log(`Change → event at a stream (event arrival − response arrival, ${delays.length} probes under load): p50 ${f(delay.p50, 2)} ms, p99 ${f(delay.p99, 2)} ms, max ${f(Math.max(...delays), 2)} ms`);
    console.log(`Memory per open stream (mock RSS growth / streams): ${perStream === null ? 'n/a' : `${f(perStream / 1024)} KiB`}`);
    const mark = (ok: boolean): string => (ok ? '✔' : 'MISS');
    console.log('Targets:');
    console.log(`  p99 change → event ≤ 10 ms: ${f(delay.p99, 2)} ms ${mark(delay.p99 <= 10)}`);
    console.log(`  streams slow the workload ≤ 20%: requests/s ${f(rate * 100, 0)}% of without ${mark(rate >= 0.8)}; CPU/request ${f(cpu === null ? null : cpu * 100, 0)}% of without ${mark(cpu !== null && cpu <= 1.25)}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:events: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
