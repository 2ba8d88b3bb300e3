/**
 * `npm run bench:events-perf`: where the CPU that 1,000 event streams add goes, split by Linux
 * `perf`. The events bench shows the mock and a bare node:http fan-out floor both paying per frame;
 * this one samples each server's stacks (`perf record -g`) at a held rate, with and without the
 * streams, and sorts every sample: the receive path (on loopback, the kernel delivers each frame
 * into the *client's* socket on the sending CPU, work a real network leaves to the client's
 * machine), the send path (inside write syscalls), other kernel work, and the server's own process.
 * Needs `perf` (Debian: `apt-get install linux-perf`) and the right to profile another process.
 *
 * Options: `--rate N` (3000), `--seconds S` sampled per run (8), `--streams N` (1000),
 * `--sessions N` (100), `--frequency HZ` (2000).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildServer } from './child-server.js';
import { describePlacement, pinThisProcess, planPlacement } from './cpu-placement.js';
import { createSessions, watchedMixedWorkload } from './event-workload.js';
import { positive } from './options.js';
import { countSamples, type SampleCounts, type SampleKind } from './perf-samples.js';
import { runLoad } from './run-load.js';
import { openStreamPool } from './sse-clients.js';
import { startFanoutFloor, startMock } from './targets.js';

const TOKEN = 'demo-ana';
const KINDS: readonly SampleKind[] = ['receive', 'send', 'kernel', 'user'];

interface Profiled {
  readonly responses: number;
  readonly counts: SampleCounts;
}

function perfWorks(): string | null {
  const probe = spawnSync('perf', ['record', '-q', '-o', '/dev/null', '--', 'true'], { stdio: 'pipe' });
  if (probe.error) return 'perf is not installed (Debian: apt-get install linux-perf)';
  return probe.status === 0 ? null : `perf record fails here: ${probe.stderr.toString().trim().split('\n')[0] ?? ''} (run as root, or lower kernel.perf_event_paranoid)`;
}

async function profile(server: ChildServer, ids: readonly string[], streams: boolean, perSession: number, options: { rate: number; seconds: number; frequency: number; dir: string }): Promise<Profiled> {
  const pool = streams ? await openStreamPool(server.url, TOKEN, ids, perSession) : null;
  const target = { url: server.url, requests: watchedMixedWorkload(TOKEN, ids), connections: 10, pid: server.pid, overallRate: options.rate };
  try {
    await runLoad(target, 2);
    const file = join(options.dir, `${String(server.pid)}-${streams ? 'with' : 'without'}.data`);
    const perf = spawn('perf', ['record', '-q', '-g', '-F', String(options.frequency), '-o', file, '-p', String(server.pid)], { stdio: 'ignore' });
    const run = await runLoad(target, options.seconds);
    perf.kill('SIGINT');
    await new Promise((resolve) => perf.once('exit', resolve));
    const script = spawnSync('perf', ['script', '-i', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
    if (script.status !== 0) throw new Error(`perf script failed: ${script.stderr}`);
    return { responses: run.responses, counts: countSamples(script.stdout) };
  } finally {
    pool?.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '3000' }, seconds: { type: 'string', default: '8' }, streams: { type: 'string', default: '1000' }, sessions: { type: 'string', default: '100' }, frequency: { type: 'string', default: '2000' } } });
  const [rate, seconds, streams, sessions, frequency] = (['rate', 'seconds', 'streams', 'sessions', 'frequency'] as const).map((k) => Math.round(positive(values[k], k))) as [number, number, number, number, number];
  const missing = perfWorks();
  if (missing) {
    console.error(`bench:events-perf: ${missing}`);
    process.exitCode = 2;
    return;
  }
  const placement = pinThisProcess(planPlacement(true));
  const dir = mkdtempSync(join(tmpdir(), 'events-perf-'));
  const perSession = Math.ceil(streams / sessions);
  const sampleMicros = 1_000_000 / frequency;
  const options = { rate, seconds, frequency, dir };
  const rows: string[] = [];
  try {
    for (const name of ['mock', 'floor'] as const) {
      const results: Profiled[] = [];
      for (const withStreams of [false, true]) {
        // A fresh server per run: the second run does not start with the first one's sessions and garbage.
        const server = name === 'mock' ? await startMock(placement) : await startFanoutFloor(placement);
        try {
          const ids = name === 'mock' ? await createSessions(server.url, TOKEN, sessions) : Array.from({ length: sessions }, (_, i) => `ses_floor${i}`);
          results.push(await profile(server, ids, withStreams, perSession, options));
        } finally {
          await server.stop();
        }
      }
      const perRequest = (p: Profiled, kind: SampleKind): number => (p.counts[kind] * sampleMicros) / p.responses;
      const [without, withStreams] = results as [Profiled, Profiled];
      const total = (p: Profiled): number => KINDS.reduce((sum, kind) => sum + perRequest(p, kind), 0);
      const cells = KINDS.map((kind) => `${perRequest(without, kind).toFixed(1)} → ${perRequest(withStreams, kind).toFixed(1)}`);
      rows.push(`| ${name} | ${total(without).toFixed(1)} → ${total(withStreams).toFixed(1)} | ${cells.join(' | ')} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Events perf split ${new Date().toISOString().slice(0, 10)}: node ${process.version}; ${describePlacement(placement)}; held to ${rate} req/s, ${streams} streams on ${sessions} sessions, ${seconds} s sampled at ${frequency} Hz per run`);
  console.log('Sampled CPU µs per request, without → with streams (sampling inflates the totals; compare the shares):');
  console.log('| server | total | receive path | send path | other kernel | own process |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(`bench:events-perf: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
