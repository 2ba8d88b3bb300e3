/**
 * `npm run bench:events`: what event streams cost the mock. Two mocks run side by side on one
 * pinned core; one has 1,000 streams open on the 100 sessions the workload writes to. Both get the
 * same mixed workload in interleaved rounds, and a probe times, under that load, how long after a
 * change's response its event reaches a stream. A bare node:http fan-out floor takes the same
 * requests with and without its own 1,000 streams in the same rounds, so the report can say what
 * one frame costs the mock beside what the socket write alone costs. Prints figures and targets;
 * exits 0 once measured.
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
import { createSessions, WATCHED_CYCLE, watchedMixedWorkload } from './event-workload.js';
import { summarizeLatencies } from './percentiles.js';
import { processCpuTimes, type CpuTimes } from './process-cpu.js';
import { runLoad, summarizeRuns, warmUp, type LoadRun, type LoadTarget } from './run-load.js';
import { openLatencyProbe, openStreamPool } from './sse-clients.js';
import { startFanoutFloor, startMock } from './targets.js';
import { positive } from './options.js';

const TOKEN = 'demo-ana';
type Side = 'without' | 'with';
type FloorSide = 'floorWithout' | 'floorWith';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));


/** Resident memory of a process in bytes, from /proc; null where it is not readable. */
function rssBytes(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
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
  const overallRate = values.rate === undefined ? undefined : Math.round(positive(values.rate, 'rate'));
  const [duration, rounds, warmup, connections, streams, sessions] = (['duration', 'rounds', 'warmup', 'connections', 'streams', 'sessions'] as const).map((k) => Math.round(positive(values[k], k))) as [number, number, number, number, number, number];
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  const log = (message: string): void => void process.stderr.write(`bench:events: ${message}\n`);
  const servers: ChildServer[] = [];
  try {
    log('starting two mocks (dist/mock/cli.js)');
    const plain = await startMock(placement);
    servers.push(plain);
    const watched = await startMock(placement);
    servers.push(watched);
    const plainIds = await createSessions(plain.url, TOKEN, sessions);
    const watchedIds = await createSessions(watched.url, TOKEN, sessions);
    const rssBefore = rssBytes(watched.pid);
    log(`opening ${streams} streams on ${sessions} sessions`);
    const pool = await openStreamPool(watched.url, TOKEN, watchedIds, Math.ceil(streams / sessions));
    await sleep(1_000);
    const rssAfter = rssBytes(watched.pid);
    const floor = await startFanoutFloor(placement);
    servers.push(floor);
    const floorIds = Array.from({ length: sessions }, (_, i) => `ses_floor${i}`);
    const floorPool = await openStreamPool(floor.url, TOKEN, floorIds, Math.ceil(streams / sessions));
    // Both mocks get the probe's writes (and its one stream), so the load beside the workload's is equal.
    const probes = { without: await openLatencyProbe(plain.url, TOKEN, plainIds[0] ?? ''), with: await openLatencyProbe(watched.url, TOKEN, watchedIds[0] ?? '') };
    const target = (server: ChildServer, ids: string[]): LoadTarget => ({ url: server.url, requests: watchedMixedWorkload(TOKEN, ids), connections, pid: server.pid, overallRate });
    const targets = { without: target(plain, plainIds), with: target(watched, watchedIds) };
    // The floor's rounds without streams write into sessions nobody watches: one process, same requests.
    const floorTargets = { floorWithout: target(floor, floorIds.map((id) => `${id}-unwatched`)), floorWith: target(floor, floorIds) };
    log(`warm-up ${warmup} s each`);
    await warmUp(targets.without, warmup);
    await warmUp(targets.with, warmup);
    await warmUp(floorTargets.floorWith, warmup);
    const runs: Record<Side, LoadRun[]> = { without: [], with: [] };
    const delays: Record<Side, number[]> = { without: [], with: [] };
    const cpuTimes: Record<Side, CpuTimes> = { without: { userMs: 0, systemMs: 0 }, with: { userMs: 0, systemMs: 0 } };
    const seconds = duration / rounds;
    const measure = async (side: Side): Promise<void> => {
      const before = processCpuTimes(targets[side].pid);
      const loaded = runLoad(targets[side], seconds);
      const [run, sampled] = await Promise.all([loaded, probes[side].run(loaded, 10)]);
      const after = processCpuTimes(targets[side].pid);
      runs[side].push(run);
      delays[side].push(...sampled);
      if (before && after) cpuTimes[side] = { userMs: cpuTimes[side].userMs + after.userMs - before.userMs, systemMs: cpuTimes[side].systemMs + after.systemMs - before.systemMs };
    };
    const floorRuns: Record<FloorSide, LoadRun[]> = { floorWithout: [], floorWith: [] };
    for (let round = 1; round <= rounds; round += 1) {
      log(`round ${round}/${rounds}: ${seconds} s without streams, ${seconds} s with, then the floor's two`);
      await measure('without');
      await measure('with');
      floorRuns.floorWithout.push(await runLoad(floorTargets.floorWithout, seconds));
      floorRuns.floorWith.push(await runLoad(floorTargets.floorWith, seconds));
    }
    floorPool.close();
    const bytes = pool.bytes();
    const stillOpen = pool.open();
    probes.without.close();
    probes.with.close();
    pool.close();

    const without = summarizeRuns(runs.without);
    const withStreams = summarizeRuns(runs.with);
    const delay = summarizeLatencies(delays.with);
    const plainDelay = summarizeLatencies(delays.without);
    // Where the CPU goes: the mock's own code (user) or the kernel's socket work (system).
    const split = (side: Side): string => {
      const n = runs[side].reduce((total, r) => total + r.responses, 0);
      return n > 0 ? `${f((cpuTimes[side].userMs * 1000) / n)} user + ${f((cpuTimes[side].systemMs * 1000) / n)} system` : 'n/a';
    };
    const rate = withStreams.requestsPerSecond / without.requestsPerSecond;
    const cpu = without.cpuMicrosPerRequest && withStreams.cpuMicrosPerRequest ? withStreams.cpuMicrosPerRequest / without.cpuMicrosPerRequest : null;
    const f = (n: number | null, digits = 1): string => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
    const perStream = rssBefore !== null && rssAfter !== null ? (rssAfter - rssBefore) / streams : null;
    // What the streams add per frame written: the added CPU per request over the frames per request
    // (each cycle has one PUT in its requests, and each PUT goes to every stream of its session).
    const framesPerRequest = Math.ceil(streams / sessions) / watchedMixedWorkload(TOKEN, ['x'])().length;
    const floorWithout = summarizeRuns(floorRuns.floorWithout);
    const floorWith = summarizeRuns(floorRuns.floorWith);
    const perFrame = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : (b - a) / framesPerRequest);
    const mockPerFrame = perFrame(without.cpuMicrosPerRequest, withStreams.cpuMicrosPerRequest);
    const floorPerFrame = perFrame(floorWithout.cpuMicrosPerRequest, floorWith.cpuMicrosPerRequest);
    const cpuInfo = cpus();
    console.log(`Events bench ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${platform()} ${release()}, ${cpuInfo.length} CPUs (${cpuInfo[0]?.model.trim() ?? 'unknown'}); ${describePlacement(placement)}`);
    console.log(`Workload (${connections} connections${overallRate === undefined ? '' : `, held to ${overallRate} req/s`}): ${WATCHED_CYCLE}; ${rounds} interleaved rounds of ${seconds} s per mock`);
    console.log(`  without streams: ${f(without.requestsPerSecond / 1000)}k req/s, p99 ${f(without.p99Ms, 2)} ms, ${f(without.cpuMicrosPerRequest)} µs CPU/request (${split('without')}), non-2xx ${without.non2xx}`);
    console.log(`  with ${streams} streams: ${f(withStreams.requestsPerSecond / 1000)}k req/s, p99 ${f(withStreams.p99Ms, 2)} ms, ${f(withStreams.cpuMicrosPerRequest)} µs CPU/request (${split('with')}), non-2xx ${withStreams.non2xx}`);
    console.log(`  bare node:http fan-out floor: ${f(floorWithout.cpuMicrosPerRequest)} → ${f(floorWith.cpuMicrosPerRequest)} µs CPU/request without → with ${streams} streams (${f(floorWithout.requestsPerSecond / 1000)}k → ${f(floorWith.requestsPerSecond / 1000)}k req/s)`);
    console.log(`  CPU per frame written to a stream (${f(framesPerRequest)} frames per request): mock ${f(mockPerFrame)} µs, bare floor ${f(floorPerFrame)} µs`);
    console.log(`  streams received ${f(bytes / 1_048_576)} MiB; ${stillOpen} of ${streams} still open at the end`);
    console.log(`Change → event at a stream (event arrival − response arrival, ${delays.with.length} probes under load): p50 ${f(delay.p50, 2)} ms, p99 ${f(delay.p99, 2)} ms, max ${f(Math.max(...delays.with), 2)} ms (the mock with the probe's stream only: p99 ${f(plainDelay.p99, 2)} ms)`);
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
