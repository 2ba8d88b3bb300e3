/**
 * `session-conformance run`: check the options, connect (or start the embedded mock), learn the
 * server's identity, run the suite, print the outcome, write reports (and the certification
 * bundle). Returns the exit code: 0 pass, 1 violation, 2 usage, contract, setup or connection error,
 * 3 incomplete (`certified`, or with `--require-complete`).
 */
import { ConnectionFailure, InvariantViolation } from '../invariants/violation.js';
import { connect, type Connected } from '../mbt/connect.js';
import { SetupError, surfaceNames } from '../mbt/preflight.js';
import { surfaceOf } from '../invariants/catalogue.js';
import { runSuite } from '../mbt/run-suite.js';
import type { ReportMeta } from '../report/json-report.js';
import type { Certificate } from '../report/certification.js';
import { runOutcome } from '../report/outcome.js';
import { exitCode } from './exit-code.js';
import { formatResult } from './format-result.js';
import { PROFILES } from './profiles.js';
import { createProgress } from './progress.js';
import { planRun, type RunArgs } from './run-plan.js';
import { writeRunReports } from './run-reports.js';
import { probeServerHeader, resolveIdentity } from './server-identity.js';
import { formatShard } from './shard.js';
import { spawnMock, type SpawnedMock } from './spawn-mock.js';
import { toolInfo } from './tool-version.js';

export type { RunArgs } from './run-plan.js';

/** Where output goes (the CLI passes console; tests capture it). */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The embedded mock's name as a server (its bin name). */
const EMBEDDED_NAME = 'session-mock';

/** Runs the suite as the options say; resolves with the exit code. */
export async function runCommand(args: RunArgs, output: Output): Promise<number> {
  const plan = planRun(args);
  if ('usage' in plan) {
    output.err(`usage: ${plan.usage}`);
    return 2;
  }
  let mock: SpawnedMock | null = null;
  let connected: Connected | null = null;
  try {
    const tool = toolInfo();
    let baseUrl = args.baseUrl;
    let tokens = { token: args.token, viewerToken: args.viewerToken, otherTenantToken: args.otherTenantToken };
    if (baseUrl === undefined) {
      mock = await spawnMock();
      baseUrl = mock.url;
      tokens = { token: args.token ?? 'demo-bea', viewerToken: args.viewerToken ?? 'demo-cleo', otherTenantToken: args.otherTenantToken ?? 'demo-finn' };
      output.out(`started the embedded mock at ${baseUrl}`);
    }
    if (tokens.token === undefined) throw new SetupError('--token is required with --base-url');
    connected = await connect({ baseUrl, token: tokens.token, viewerToken: tokens.viewerToken, otherTenantToken: tokens.otherTenantToken, selection: plan.selection, concurrency: plan.concurrency });
    const { ctx, client } = connected;
    const header = await probeServerHeader(ctx.owner.api, ctx.tagPrefix);
    const server = resolveIdentity({ name: args.serverName, version: args.serverVersion }, header, mock ? { name: EMBEDDED_NAME, version: tool.version } : null);
    if (plan.certified && (server.name === null || server.version === null)) {
      output.err('usage: the certified profile needs the server\'s name and version: send a `Server: <name>/<version>` response header or pass --server-name and --server-version');
      return 2;
    }
    const share = plan.shard ? `shard ${formatShard(plan.shard)}: ${plan.plannedRuns} of ${plan.runs} runs` : `${plan.runs} runs`;
    output.out(`session-conformance ${tool.version}: ${baseUrl} (${server.name ?? 'unnamed server'} ${server.version ?? ''}), profile ${args.profile}, seed ${plan.seed}, ${share} of up to ${plan.maxCommands} steps (${plan.concurrency} at once), ${plan.selection.ids().length} invariants; surfaces offered: ${surfaceNames(ctx.surfaces).join(', ')}`);
    const startedAt = new Date().toISOString();
    const progress = createProgress(process.stderr);
    const result = await runSuite(client, ctx, { seed: plan.seed, runs: plan.runs, maxCommands: plan.maxCommands, concurrency: plan.concurrency, path: args.path, timeLimitMs: plan.timeLimitMs, onRun: (d, t) => progress.update(d, t), ...(plan.shard ? { shard: plan.shard } : {}) });
    progress.end();
    // The invariants of a surface the server does not offer are not offered, not unexercised.
    const offered = surfaceNames(ctx.surfaces);
    const enabled = new Set<string>(plan.selection.ids().filter((id) => offered.includes(surfaceOf(id))));
    for (const line of formatResult(result, baseUrl, { plannedRuns: plan.plannedRuns, enabled })) output.out(line);
    let certificate: Certificate['result'] | null = null;
    if (args.reportDir !== undefined) {
      const principals = [ctx.owner, ctx.viewer, ctx.stranger].flatMap((p) => (p && p.api.token !== null ? [{ token: p.api.token, principalId: p.principal.principalId, tenantId: p.principal.tenantId }] : []));
      const meta: ReportMeta = {
        baseUrl: client.baseUrl, profile: args.profile, contractVersion: ctx.contract.version, contractSha256: ctx.contract.sha256, toolVersion: tool.version,
        server, startedAt, plannedRuns: plan.plannedRuns, maxCommands: plan.maxCommands, operationIds: [...ctx.contract.operations.keys()],
        shard: plan.shard ? { ...plan.shard, totalRuns: plan.runs } : null, embeddedMock: mock !== null, surfaces: surfaceNames(ctx.surfaces),
      };
      const budget = { runs: PROFILES.certified.runs, maxCommands: PROFILES.certified.maxCommands };
      const written = await writeRunReports(args.reportDir, { result, enabled, meta, principals }, plan.certified ? { toolName: tool.name, budget } : null);
      for (const line of written.lines) output.out(line);
      certificate = written.bundle?.certificate.result ?? null;
    }
    const outcome = result.failure?.violation.invariant === 'error' ? 'error' : runOutcome(result, plan.plannedRuns);
    return exitCode({ outcome, certificate, requireComplete: args.requireComplete === true || plan.certified });
  } catch (error) {
    if (error instanceof InvariantViolation) {
      output.out(`FAIL  invariant ${error.data.invariant} (before the first run)\n  ${error.data.message}`);
      return 1;
    }
    if (error instanceof SetupError || error instanceof ConnectionFailure) output.err(`error: ${error.message}`);
    else output.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await connected?.client.close();
    await mock?.stop();
  }
}
