/**
 * Test-only: one row of the kill table. Runs the `ci` profile's generators against a broken
 * server (a proxy in front of the mock) on one seed, stopping at the first failure, and asserts
 * that the suite reports the invariant the server breaks with a short shrunk reproduction.
 */
import { expect } from 'vitest';
import { PROFILES } from '../cli/profiles.js';
import { InvariantSelection } from '../invariants/selection.js';
import { connect } from '../mbt/connect.js';
import { runSuite, type SuiteResult } from '../mbt/run-suite.js';
import { startProxy } from './broken-proxy.js';
import type { BrokenServer } from './broken-servers.js';
import { DEMO_TOKENS } from './start-mock.js';

const KILL_CONCURRENCY = 4;

/** The `ci` profile's runs and steps against `baseUrl` on `seed`, shrinking for at most `shrinkLimitMs`. */
export async function ciAgainst(baseUrl: string, seed: number, shrinkLimitMs: number, runs: number = PROFILES.ci.runs): Promise<SuiteResult> {
  const { client, ctx } = await connect({ baseUrl, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection: new InvariantSelection(), concurrency: KILL_CONCURRENCY });
  try {
    // Four runs in flight: the same failure as one at a time (the lowest-numbered failing run),
    // found sooner, so the time limit holds on a busy machine too.
    return await runSuite(client, ctx, { seed, runs, maxCommands: PROFILES.ci.maxCommands, timeLimitMs: shrinkLimitMs, concurrency: KILL_CONCURRENCY });
  } finally {
    await client.close();
  }
}

/** How a kill-table row reads: the id found, after how many runs, the shrunk steps. */
export function killStory(broken: BrokenServer, seed: number, result: SuiteResult): string {
  const failure = result.failure;
  return `${broken.name}, seed ${seed}: ${failure ? `${failure.violation.invariant} after ${result.runs} runs, steps ${failure.steps.join(' ; ')}: ${failure.violation.message}` : `passed ${result.runs} runs`}`;
}

/** Asserts that the suite catches `broken` (in front of `upstream`) with its invariant in at most `maxSteps` steps. */
export async function expectCaught(upstream: string, broken: BrokenServer, seed: number, options: { shrinkLimitMs: number; maxSteps: number }): Promise<void> {
  const proxy = await startProxy(upstream, broken.rule());
  try {
    const result = await ciAgainst(proxy.url, seed, options.shrinkLimitMs);
    const story = killStory(broken, seed, result);
    expect(result.passed, story).toBe(false);
    expect(result.failure?.violation.invariant, story).toBe(broken.breaks);
    expect(result.failure?.steps.length ?? Infinity, story).toBeLessThanOrEqual(options.maxSteps);
    expect(result.failure?.steps[0], story).toMatch(/^create\(/);
  } finally {
    await proxy.close();
  }
}
