/**
 * `npm run bench:conformance`: how fast the conformance suite checks a server, side by side in
 * one run: the mock as it is and the mock behind `--latency 5` (5 ms per request, a fast real
 * deployment), the suite one run at a time and with several in flight. It prints, per pairing,
 * runs made of those planned (within the profile's time limit), commands/s, requests per
 * command, the share of the wall time the suite's own process was busy (the rest it waited on the
 * server) and the server's CPU per request; then the ratios and targets. Exits 0 once it has
 * measured: a MISS is a finding, not a failure.
 *
 * Options: `--profile ci|certified` (ci), `--seed N` (42), `--concurrency 1,8` (1 and the
 * profile's default), `--latency 0,5`, `--json FILE`, `--no-pin`, `--baseline-ref REF` (also
 * run the suite of an earlier commit against the plain mock, e.g. the last one before concurrent
 * runs, `147a8f9`, and print this suite's rate as a ratio of that one's).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROFILES, type ProfileName } from '../conformance/cli/profiles.js';
import { InvariantSelection } from '../conformance/invariants/selection.js';
import { connect } from '../conformance/mbt/connect.js';
import { runSuite } from '../conformance/mbt/run-suite.js';
import { buildBaseline, runBaseline, type BaselineRate } from './baseline-suite.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { describePlacement, pinThisProcess, planPlacement, serverCommand, type Placement } from './cpu-placement.js';
import { freePort } from './free-port.js';
import { processCpuMs } from './process-cpu.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = '127.0.0.1';
const TOKENS = { token: 'demo-bea', viewerToken: 'demo-cleo', otherTenantToken: 'demo-finn' };

/** One measured pairing of a server and a concurrency. */
export interface RateRow {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly runsMade: number;
  readonly runsPlanned: number;
  readonly passed: boolean;
  readonly wallS: number;
  readonly commands: number;
  readonly requests: number;
  readonly commandsPerS: number;
  readonly requestsPerCommand: number;
  /** Suite process CPU time ÷ wall time. */
  readonly suiteBusyShare: number;
  readonly suiteCpuUsPerCommand: number;
  readonly serverCpuUsPerRequest: number | null;
}

async function startMock(latencyMs: number, placement: Placement): Promise<ChildServer> {
  const port = await freePort();
  const args = [fileURLToPath(new URL('../mock/cli.js', import.meta.url)), '--port', String(port), '--host', HOST, ...(latencyMs > 0 ? ['--latency', String(latencyMs)] : [])];
  return startChildServer({ name: 'session-mock', ...serverCommand(placement, process.execPath, args), url: `http://${HOST}:${port}`, cwd: ROOT });
}

async function measure(server: ChildServer, latencyMs: number, profileName: ProfileName, seed: number, concurrency: number): Promise<RateRow> {
  const profile = PROFILES[profileName];
  const { client, ctx } = await connect({ baseUrl: server.url, ...TOKENS, selection: new InvariantSelection(), concurrency });
  try {
    const cpu = process.cpuUsage();
    const serverCpu = processCpuMs(server.pid);
    const started = performance.now();
    const result = await runSuite(client, ctx, { seed, runs: profile.runs, maxCommands: profile.maxCommands, timeLimitMs: profile.timeLimitMs, concurrency });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const suiteCpuMs = (used.user + used.system) / 1000;
    const serverAfter = processCpuMs(server.pid);
    return {
      latencyMs, concurrency, runsMade: result.runs, runsPlanned: result.plannedRuns, passed: result.passed,
      wallS: wallMs / 1000, commands: result.commands, requests: result.exchanges,
      commandsPerS: result.commands / (wallMs / 1000), requestsPerCommand: result.exchanges / Math.max(1, result.commands),
      suiteBusyShare: suiteCpuMs / wallMs, suiteCpuUsPerCommand: (suiteCpuMs * 1000) / Math.max(1, result.commands),
      serverCpuUsPerRequest: serverCpu === null || serverAfter === null ? null : ((serverAfter - serverCpu) * 1000) / Math.max(1, result.exchanges),
    };
  } finally {
    await client.close();
  }
}

function list(value: string, name: string): number[] {
  const items = value.split(',').map(Number);
  if (items.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--${name} takes comma-separated whole numbers, got ${value}`);
  return items;
}

function formatRows(rows: readonly RateRow[], profileName: ProfileName): string[] {
  const limitS = PROFILES[profileName].timeLimitMs / 1000;
  const lines = [
    '| server | concurrency | runs made | wall | commands/s | requests/command | suite busy | suite CPU/command | server CPU/request | result |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| mock${r.latencyMs > 0 ? ` --latency ${r.latencyMs}` : ''} | ${r.concurrency} | ${r.runsMade}/${r.runsPlanned}${r.runsMade < r.runsPlanned ? ` (${limitS} s limit)` : ''} | ${r.wallS.toFixed(1)} s | ${r.commandsPerS.toFixed(0)} | ${r.requestsPerCommand.toFixed(1)} | ${(r.suiteBusyShare * 100).toFixed(0)}% | ${(r.suiteCpuUsPerCommand / 1000).toFixed(2)} ms | ${r.serverCpuUsPerRequest === null ? '–' : `${r.serverCpuUsPerRequest.toFixed(0)} µs`} | ${r.passed ? 'pass' : 'FAIL'} |`);
  }
  return lines;
}

function formatVerdicts(rows: readonly RateRow[]): string[] {
  const lines: string[] = [];
  for (const latency of [...new Set(rows.map((r) => r.latencyMs))]) {
    const at = rows.filter((r) => r.latencyMs === latency);
    const one = at.find((r) => r.concurrency === 1);
    for (const r of at) {
      if (one && r !== one) lines.push(`latency ${latency} ms: concurrency ${r.concurrency} makes ${(r.commandsPerS / one.commandsPerS).toFixed(2)}× the commands/s of concurrency 1`);
    }
    const best = at.reduce((a, b) => (b.commandsPerS > a.commandsPerS ? b : a));
    lines.push(`${best.runsMade === best.runsPlanned ? 'MET ' : 'MISS'}  latency ${latency} ms, concurrency ${best.concurrency}: ${best.runsMade} of ${best.runsPlanned} runs inside the time limit`);
  }
  return lines;
}

/** This suite's best rate against the plain mock as a multiple of the earlier suite's (target: 2×). */
function formatBaseline(rows: readonly RateRow[], baseline: BaselineRate | null): string[] {
  const plain = rows.filter((r) => r.latencyMs === 0);
  if (!baseline || plain.length === 0) return [];
  const best = plain.reduce((a, b) => (b.commandsPerS > a.commandsPerS ? b : a));
  const before = baseline.commands / baseline.seconds;
  const ratio = best.commandsPerS / before;
  return [`${ratio >= 2 ? 'MET ' : 'MISS'}  plain mock: ${best.commandsPerS.toFixed(0)} commands/s (concurrency ${best.concurrency}) = ${ratio.toFixed(2)}× the ${before.toFixed(0)} commands/s of the suite at ${baseline.ref} (target 2×)`];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'ci' },
      seed: { type: 'string', default: '42' },
      concurrency: { type: 'string' },
      latency: { type: 'string', default: '0,5' },
      json: { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      'baseline-ref': { type: 'string' },
    },
  });
  if (!(values.profile in PROFILES)) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  const profileName = values.profile as ProfileName;
  const seed = Number(values.seed);
  const concurrencies = list(values.concurrency ?? `1,${PROFILES[profileName].concurrency}`, 'concurrency').filter((n) => n > 0);
  const latencies = list(values.latency, 'latency');
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  console.log(`bench:conformance: profile ${profileName}, seed ${seed}, concurrency ${concurrencies.join(', ')}, latency ${latencies.join(', ')} ms; ${describePlacement(placement)}`);
  const rows: RateRow[] = [];
  const baselineRef = values['baseline-ref'];
  const baselineBuild = baselineRef === undefined ? null : buildBaseline(ROOT, baselineRef);
  let baseline: BaselineRate | null = null;
  for (const latency of latencies) {
    const server = await startMock(latency, placement);
    try {
      if (baselineBuild && latency === 0) {
        baseline = await runBaseline(baselineBuild, server.url, ['--profile', profileName, '--seed', String(seed), '--token', TOKENS.token, '--viewer-token', TOKENS.viewerToken, '--other-tenant-token', TOKENS.otherTenantToken]);
        console.log(`  baseline ${baseline.ref}: ${baseline.line}`);
      }
      for (const concurrency of concurrencies) {
        const row = await measure(server, latency, profileName, seed, concurrency);
        rows.push(row);
        console.log(`  latency ${latency} ms, concurrency ${concurrency}: ${row.runsMade}/${row.runsPlanned} runs, ${row.commandsPerS.toFixed(0)} commands/s`);
      }
    } finally {
      await server.stop();
    }
  }
  baselineBuild?.remove();
  console.log(['', ...formatRows(rows, profileName), '', ...formatVerdicts(rows), ...formatBaseline(rows, baseline)].join('\n'));
  if (values.json) writeFileSync(values.json, JSON.stringify({ profile: profileName, seed, node: process.version, rows, baseline }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
