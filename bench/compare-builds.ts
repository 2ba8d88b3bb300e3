/**
 * `npm run bench:builds -- --before DIR`: the mixed workload against two builds of the mock side
 * by side, in interleaved rounds of one run: the one in DIR (another checkout, built, e.g. a
 * `git worktree` of the previous release) and this one. What "no regression" claims rest on.
 *
 * Options: `--before DIR` (required), `--duration S` (8), `--rounds N` (8), `--connections N` (10),
 * `--args "FLAGS"` added to this build's mock only (e.g. "--state-dir /tmp/s"), `--no-pin`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChildServer, type ChildServer } from './child-server.js';
import { compareTargets } from './compare-targets.js';
import { describePlacement, pinThisProcess, planPlacement, serverCommand, type Placement } from './cpu-placement.js';
import { freePort } from './free-port.js';
import { positive } from './options.js';
import { MIXED_CYCLE, mixedWorkload } from './workloads.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function startBuild(name: string, root: string, args: readonly string[], placement: Placement): Promise<ChildServer> {
  const port = await freePort();
  const cli = join(root, 'dist/mock/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm ci && npm run build in ${root}`);
  return startChildServer({ name, ...serverCommand(placement, process.execPath, [cli, '--port', String(port), '--host', '127.0.0.1', ...args]), url: `http://127.0.0.1:${port}`, cwd: root });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '8' },
      connections: { type: 'string', default: '10' },
      args: { type: 'string', default: '' },
      'no-pin': { type: 'boolean', default: false },
    },
  });
  if (values.before === undefined) throw new Error('--before DIR is required: a checkout of the build to compare with, built (npm ci && npm run build)');
  const placement = pinThisProcess(planPlacement(!values['no-pin']));
  const extra = values.args.split(' ').filter((a) => a !== '');
  const servers: ChildServer[] = [];
  try {
    servers.push(await startBuild('before', resolve(values.before), [], placement));
    servers.push(await startBuild('now', ROOT, extra, placement));
    const [before, now] = servers as [ChildServer, ChildServer];
    const requests = mixedWorkload('demo-ana');
    const connections = Math.round(positive(values.connections, 'connections'));
    const target = (server: ChildServer) => ({ url: server.url, requests, connections, pid: server.pid });
    const compared = await compareTargets(
      { before: target(before), now: target(now) },
      { warmupSeconds: 1, durationSeconds: positive(values.duration, 'duration'), rounds: Math.round(positive(values.rounds, 'rounds')), onStep: (m) => void process.stderr.write(`bench:builds: ${m}\n`) },
    );
    console.log(`${new Date().toISOString()}, node ${process.version}, ${describePlacement(placement)}; mixed workload: ${MIXED_CYCLE}; ${connections} connections`);
    for (const [name, result] of Object.entries(compared.results)) {
      console.log(`${name.padEnd(7)} ${result ? `${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuMicrosPerRequest?.toFixed(1) ?? '-'} µs CPU/request, p99 ${result.p99Ms.toFixed(2)} ms` : 'failed'}`);
    }
    const a = compared.results.before;
    const b = compared.results.now;
    if (a && b) console.log(`now / before: ${(b.requestsPerSecond / a.requestsPerSecond).toFixed(2)}× the requests/s${a.cpuMicrosPerRequest && b.cpuMicrosPerRequest ? `, ${(b.cpuMicrosPerRequest / a.cpuMicrosPerRequest).toFixed(2)}× the CPU per request` : ''}`);
    for (const error of compared.errors) console.log(`error: ${error}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:builds: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
