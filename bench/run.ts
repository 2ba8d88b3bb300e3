/**
 * `npm run bench`: throughput of session detail and of a mixed stateful workload against the mock,
 * Prism and a bare node:http ceiling (autocannon, one run, same settings), then fork cost at
 * several workspace sizes; prints the figures, the ratios and the targets. Always exits 0 once it
 * has measured: a MISS is a finding, not a failure.
 *
 * Options: `--json FILE` also writes the results; `--duration S` measured per target (6),
 * `--rounds N` it is split into (6), `--warmup S` per target (1), `--connections N` (10),
 * `--forks N` (2000), `--sizes 10,1000,100000`, `--no-pin` (leave CPU placement to the scheduler).
 * Each server's CPU time is read too: requests/s can be capped by the load generator, which shares
 * the machine, while CPU time per request is what the server itself costs.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { captureResponse, capturedText, type CapturedResponse } from './captured-response.js';
import { describePlacement, pinThisProcess, planPlacement, type Placement } from './cpu-placement.js';
import type { ChildServer } from './child-server.js';
import { compareTargets, type Comparison } from './compare-targets.js';
import { evaluateTargets } from './evaluate.js';
import { runForkCostChild } from './fork-cost-child.js';
import { measureListPaging } from './list-paging.js';
import { formatReport, type BenchReport, type BenchSettings } from './report.js';
import type { LoadTarget } from './run-load.js';
import { startCeiling, startMock, startPrism } from './targets.js';
import { MIXED_CYCLE, mixedWorkload, sessionDetailWorkload } from './workloads.js';
import { positive } from './options.js';

/** The demo fixtures' acme tenant admin: sees every acme session. */
const TOKEN = 'demo-ana';

const errors: string[] = [];


function parseOptions(): { settings: BenchSettings; json: string | undefined; placement: Placement } {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      duration: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      forks: { type: 'string', default: '2000' },
      sizes: { type: 'string', default: '10,1000,100000' },
      rounds: { type: 'string', default: '6' },
      'no-pin': { type: 'boolean', default: false },
    },
  });
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  const version = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  const settings: BenchSettings = {
    tool: `autocannon ${version}`,
    connections: Math.round(positive(values.connections, 'connections')),
    warmupSeconds: positive(values.warmup, 'warmup'),
    durationSeconds: positive(values.duration, 'duration'),
    rounds: Math.round(positive(values.rounds, 'rounds')),
    forkSizes: values.sizes.split(',').map((s) => Math.round(positive(s, 'sizes'))),
    forksPerSize: Math.round(positive(values.forks, 'forks')),
    detailPath: '/v1/sessions/{id}',
    mixedCycle: MIXED_CYCLE,
    placement: describePlacement(placement),
  };
  return { settings, json: values.json, placement };
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Runs `step`; on failure records why and yields null, so one broken target spoils nothing else. */
async function attempt<T>(what: string, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The newest session the token sees: the one whose detail view is loaded. */
async function newestSessionId(url: string): Promise<string> {
  const page = await captureResponse(`${url}/v1/sessions?limit=1`, { authorization: `Bearer ${TOKEN}` });
  const id = (JSON.parse(capturedText(page)) as { items?: { id?: unknown }[] }).items?.[0]?.id;
  if (page.status !== 200 || typeof id !== 'string') throw new Error(`GET /v1/sessions answered ${page.status}: ${capturedText(page).slice(0, 200)}`);
  return id;
}

/** The mock, the session whose detail is loaded, and the exact response the ceiling replays. */
async function startMockAndCapture(placement: Placement): Promise<{ server: ChildServer; sessionId: string; response: CapturedResponse }> {
  const server = await startMock(placement);
  try {
    const sessionId = await newestSessionId(server.url);
    const response = await captureResponse(`${server.url}/v1/sessions/${sessionId}`, { authorization: `Bearer ${TOKEN}` });
    if (response.status !== 200) throw new Error(`GET /v1/sessions/${sessionId} answered ${response.status}`);
    return { server, sessionId, response };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const { settings, json, placement } = parseOptions();
  const servers: ChildServer[] = [];
  let detail: Comparison | null = null;
  let mixed: Comparison | null = null;
  // Prism answers any well-formed id; without the mock, the contract's example id will do.
  let sessionId = 'ses_4b1e9a';
  try {
    progress('starting the mock (dist/mock/cli.js)');
    const mock = await attempt('mock', () => startMockAndCapture(placement));
    if (mock) {
      servers.push(mock.server);
      sessionId = mock.sessionId;
    }
    progress('starting the node:http ceiling');
    const ceiling = mock ? await attempt('node:http ceiling', () => startCeiling(mock.response, placement)) : null;
    if (!mock) errors.push('node:http ceiling: skipped, no mock response to replay');
    if (ceiling) servers.push(ceiling);
    progress('starting prism mock contract/openapi.yaml');
    const prism = await attempt('prism', () => startPrism(placement));
    if (prism) servers.push(prism);

    const compare = { warmupSeconds: settings.warmupSeconds, durationSeconds: settings.durationSeconds, rounds: settings.rounds, onStep: progress };
    const targets = (requests: LoadTarget['requests'], candidates: Record<string, ChildServer | null>): Record<string, LoadTarget> => {
      const live: Record<string, LoadTarget> = {};
      for (const [name, server] of Object.entries(candidates)) if (server) live[name] = { url: server.url, requests, connections: settings.connections, pid: server.pid };
      return live;
    };
    detail = await compareTargets(targets(sessionDetailWorkload(sessionId, TOKEN), { mock: mock?.server ?? null, prism, ceiling }), compare);
    mixed = await compareTargets(targets(mixedWorkload(TOKEN), { mock: mock?.server ?? null, prism }), compare);
    errors.push(...detail.errors.map((e) => `session detail, ${e}`), ...mixed.errors.map((e) => `mixed workload, ${e}`));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  progress(`fork cost at ${settings.forkSizes.join(', ')} files (child process, --expose-gc)`);
  const forkCost = await attempt('fork cost', () => runForkCostChild(settings.forkSizes, settings.forksPerSize));

  progress('list paging at 10,000 sessions (in-process core)');
  const listPaging = await attempt('list paging', () => Promise.resolve(measureListPaging()));

  const figures = {
    detail: { mock: detail.results.mock ?? null, prism: detail.results.prism ?? null, ceiling: detail.results.ceiling ?? null },
    mixed: { mock: mixed.results.mock ?? null, prism: mixed.results.prism ?? null },
    forkCost,
  };
  const cpu = cpus();
  const report: BenchReport = {
    settings: { ...settings, detailPath: `/v1/sessions/${sessionId}` },
    environment: { node: process.version, platform: `${platform()} ${release()}`, cpus: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown' },
    ...figures,
    listPaging,
    targets: evaluateTargets(figures),
    errors,
  };
  console.log(formatReport(report));
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nResults written to ${json}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
