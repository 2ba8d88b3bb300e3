/**
 * `session-conformance run`: connect (or start the embedded mock), run the suite, print the
 * outcome, write reports. Returns the exit code: 0 pass, 1 violation, 2 setup or connection error.
 */
import { readFileSync } from 'node:fs';
import { InvariantSelection } from '../invariants/selection.js';
import { ConnectionFailure, InvariantViolation } from '../invariants/violation.js';
import { connect, type Connected } from '../mbt/connect.js';
import { SetupError } from '../mbt/preflight.js';
import { runSuite } from '../mbt/run-suite.js';
import { writeReports } from '../report/write-reports.js';
import { formatResult } from './format-result.js';
import { PROFILES, type ProfileName } from './profiles.js';
import { createProgress } from './progress.js';
import { spawnMock, type SpawnedMock } from './spawn-mock.js';

/** The parsed options of `run`. */
export interface RunArgs {
  baseUrl?: string;
  token?: string;
  otherTenantToken?: string;
  viewerToken?: string;
  seed?: number;
  runs?: number;
  maxCommands?: number;
  path?: string;
  profile: ProfileName;
  only: string[];
  skip: string[];
  reportDir?: string;
}

/** Where output goes (the CLI passes console; tests capture it). */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Runs the suite as the options say; resolves with the exit code. */
export async function runCommand(args: RunArgs, output: Output): Promise<number> {
  let selection: InvariantSelection;
  try {
    selection = new InvariantSelection(args.only, args.skip);
  } catch (error) {
    output.err(`usage: ${(error as Error).message}`);
    return 2;
  }
  if (args.profile === 'certified' && (args.only.length > 0 || args.skip.length > 0)) {
    output.err('usage: the certified profile allows no --only or --skip');
    return 2;
  }
  let mock: SpawnedMock | null = null;
  let connected: Connected | null = null;
  try {
    let baseUrl = args.baseUrl;
    let tokens = { token: args.token, viewerToken: args.viewerToken, otherTenantToken: args.otherTenantToken };
    if (baseUrl === undefined) {
      mock = await spawnMock();
      baseUrl = mock.url;
      tokens = { token: args.token ?? 'demo-bea', viewerToken: args.viewerToken ?? 'demo-cleo', otherTenantToken: args.otherTenantToken ?? 'demo-finn' };
      output.out(`started the embedded mock at ${baseUrl}`);
    }
    if (tokens.token === undefined) {
      output.err('usage: --token is required with --base-url');
      return 2;
    }
    connected = await connect({ baseUrl, token: tokens.token, viewerToken: tokens.viewerToken, otherTenantToken: tokens.otherTenantToken, selection });
    const profile = PROFILES[args.profile];
    const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
    const runs = args.runs ?? profile.runs;
    output.out(`session-conformance: ${baseUrl}, profile ${args.profile}, seed ${seed}, ${runs} runs of up to ${args.maxCommands ?? profile.maxCommands} steps, ${selection.ids().length} invariants`);
    const progress = createProgress(process.stderr);
    const result = await runSuite(connected.client, connected.ctx, { seed, runs, maxCommands: args.maxCommands ?? profile.maxCommands, path: args.path, timeLimitMs: profile.timeLimitMs, onRun: (d, t) => progress.update(d, t) });
    progress.end();
    for (const line of formatResult(result, baseUrl)) output.out(line);
    if (args.reportDir) {
      const { ctx, client } = connected;
      const principals = [ctx.owner, ctx.viewer, ctx.stranger].flatMap((p) => (p && p.api.token !== null ? [{ token: p.api.token, principalId: p.principal.principalId, tenantId: p.principal.tenantId }] : []));
      const meta = { baseUrl: client.baseUrl, profile: args.profile, contractVersion: ctx.contract.version, contractSha256: ctx.contract.sha256, toolVersion: toolVersion() };
      const files = await writeReports(args.reportDir, result, new Set(selection.ids()), meta, principals);
      output.out(`reports: ${files.join(', ')}`);
    }
    if (result.failure?.violation.invariant === 'error') return 2;
    return result.passed ? 0 : 1;
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
