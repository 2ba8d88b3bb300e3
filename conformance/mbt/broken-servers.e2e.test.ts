/**
 * Proof that the suite catches bugs (issue 4, item 7): every deliberately broken server of
 * `test-support/broken-servers.ts` (a proxy in front of the mock, breaking one rule) fails the
 * `ci` profile with the invariant it breaks and a shrunk reproduction of a few steps, and the
 * mock itself passes.
 *
 * Budget (the whole file stays well under 90 s on two shared cores): each broken server runs the
 * `ci` profile's generators (its runs and step count) on fixed seeds and stops at the first
 * failure, as fast-check does, with a shrink time limit; every server runs on two seeds, the
 * merge breakers on three, so detection does not hang on one lucky seed. The mock control runs
 * the first 100 of the profile's 400 runs (the full profile is the CLI's job) and checks that they
 * reach the merge cases the generators aim at; `suite.e2e.test.ts` runs the mock through a
 * transparent proxy.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROFILES } from '../cli/profiles.js';
import { BLAME_SERVERS } from '../test-support/broken-blame-servers.js';
import { BROKEN_SERVERS, type BrokenServer } from '../test-support/broken-servers.js';
import { generatorStats, type Case } from '../test-support/generator-stats.js';
import { expectCaught } from '../test-support/kill-case.js';
import { startMock, type TestMock } from '../test-support/start-mock.js';

const CI = PROFILES.ci;
/** Stop shrinking after this long; the best reduction so far is reported. */
const SHRINK_LIMIT_MS = 20_000;
/** A shrunk reproduction is "a few steps": the run's create and fork, then at most four more. */
const MAX_STEPS = 6;
const MERGE_BREAKERS = new Set(['missed merge conflict', 'partly applied conflict', 'merge dropping deletions']);
const MOCK_RUNS = 100;

let mock: TestMock;
beforeAll(async () => { mock = await startMock(); });
afterAll(async () => { await mock.close(); });

const cases = [...BROKEN_SERVERS, ...BLAME_SERVERS].flatMap((broken) => (MERGE_BREAKERS.has(broken.name) ? [1, 2, 3] : [1, 2]).map((seed) => [broken.name, broken.breaks, seed, broken] as const));

describe('the ci profile against deliberately broken servers', () => {
  test(`passes on the mock (the first ${MOCK_RUNS} of the ci profile's ${CI.runs} runs), whose runs reach every merge case often`, async () => {
    const stats = await generatorStats(mock.url, 7, MOCK_RUNS, CI.maxCommands);
    expect(stats.result.failure?.violation ?? null).toBeNull();
    expect(stats.result.runs).toBe(MOCK_RUNS);
    // Runs (of 100) that reached each case at least once; about half of what the bias reaches.
    const atLeast: Partial<Record<Case, number>> = {
      'merge-conflict': 12,
      'conflict-path-collision': 2,
      'conflict-delete-side': 6,
      'resolved-by-strategy': 12,
      'ambiguous-merge-base': 4,
      'fast-forward': 8,
      'three-way-merge': 15,
      // The surface steps (issue 12) take about a ninth of the steps, so merges come a little rarer.
      'merged-deletion': 6,
      'parent-deleted': 15,
      'merge-over-deleted-parent': 6,
    };
    for (const [name, min] of Object.entries(atLeast)) expect(stats.hits[name as Case], `${name}: ${JSON.stringify(stats.hits)}`).toBeGreaterThanOrEqual(min);
  }, 60_000);

  test.each(cases)('%s fails with %s (seed %i) and a short shrunk reproduction', async (_name, _breaks, seed, broken: BrokenServer) => {
    await expectCaught(mock.url, broken, seed, { shrinkLimitMs: SHRINK_LIMIT_MS, maxSteps: MAX_STEPS });
  }, 40_000);
});
