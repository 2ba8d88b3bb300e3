/**
 * `npm run bench:state`: what `--state-dir` costs. The mixed workload against the mock without and
 * with a journal, in interleaved rounds of one run (so machine drift spreads over both), then the
 * start-up time from a journal of N changes. Prints figures and ratios; exits 0 once measured.
 *
 * Options: `--duration S` measured per target (6), `--rounds N` (6), `--warmup S` (1),
 * `--connections N` (10), `--changes N` journaled for the start-up (100000), `--no-pin`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildServer } from '../child-server.js';
import { compareTargets } from '../compare-targets.js';
import { describePlacement, pinThisProcess, planPlacement } from '../cpu-placement.js';
import type { LoadResult } from '../run-load.js';
import { startMock } from '../targets.js';
import { MIXED_CYCLE, mixedWorkload } from '../workloads.js';
import { measureJournalStartup } from './journal-startup.js';
import { positive } from '../options.js';


const progress = (message: string): void => void process.stderr.write(`bench:state: ${message}\n`);

function row(name: string, r: LoadResult | null): string {
  if (!r) return `${name.padEnd(26)} failed`;
  const cpu = r.cpuMicrosPerRequest === null ? '-' : r.cpuMicrosPerRequest.toFixed(1);
  return `${name.padEnd(26)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p99 ${r.p99Ms.toFixed(2).padStart(6)} ms   ${cpu.padStart(7)} µs CPU/req   non-2xx ${r.non2xx}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '6' },
      rounds: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      changes: { type: 'string', default: '100000' },
      'no-pin': { type: 'boolean', default: false },
    },
  });
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  const connections = Math.round(positive(values.connections, 'connections'));
  const dir = mkdtempSync(join(tmpdir(), 'bench-state-dir-'));
  const servers: ChildServer[] = [];
  let off: LoadResult | null = null;
  let on: LoadResult | null = null;
  try {
    progress('starting the mock without and with --state-dir');
    const plain = await startMock(placement);
    servers.push(plain);
    const journaled = await startMock(placement, ['--state-dir', dir]);
    servers.push(journaled);
    const requests = mixedWorkload('demo-ana');
    const target = (server: ChildServer) => ({ url: server.url, requests, connections, pid: server.pid });
    const compared = await compareTargets(
      { off: target(plain), on: target(journaled) },
      { warmupSeconds: positive(values.warmup, 'warmup'), durationSeconds: positive(values.duration, 'duration'), rounds: Math.round(positive(values.rounds, 'rounds')), onStep: progress },
    );
    off = compared.results.off ?? null;
    on = compared.results.on ?? null;
    for (const error of compared.errors) progress(`error: ${error}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  const changes = Math.round(positive(values.changes, 'changes'));
  progress(`building a journal of ${changes} changes and starting from it (in-process, 3 runs)`);
  const startup = measureJournalStartup(changes);

  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  console.log(`--state-dir cost (${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpu}, ${describePlacement(placement)})`);
  console.log(`mixed workload: ${MIXED_CYCLE}; ${connections} connections`);
  console.log(row('mock', off));
  console.log(row('mock --state-dir', on));
  if (off && on) {
    console.log(`with --state-dir: ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}× the requests/s, ${(on.p99Ms / off.p99Ms).toFixed(2)}× the p99` +
      (off.cpuMicrosPerRequest !== null && on.cpuMicrosPerRequest !== null ? `, ${(on.cpuMicrosPerRequest / off.cpuMicrosPerRequest).toFixed(2)}× the server CPU per request` : ''));
  }
  console.log(`start-up from a journal of ${startup.changes} changes (${(startup.journalBytes / 1e6).toFixed(1)} MB, ${(startup.journalBytes / startup.changes).toFixed(0)} bytes/change): ` +
    `median ${startup.medianMs.toFixed(0)} ms of ${startup.runsMs.map((ms) => ms.toFixed(0)).join(', ')} → ${startup.msPer100kChanges.toFixed(0)} ms per 100k changes`);
}

main().catch((error: unknown) => {
  console.error(`bench:state: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
