/**
 * Proof of the race step (`commands/race.ts`): servers that are right one request at a time and
 * wrong under concurrency (`test-support/broken-race-servers.ts`) fail the `ci` profile's
 * generators with `concurrency.linearizable` and a short shrunk reproduction; the same servers
 * pass when that invariant is skipped (they really are right one request at a time); and the mock,
 * linearizable by construction (one thread), passes thousands of races without a false alarm.
 *
 * Budget: well under 90 s on two shared cores. Each broken server runs on two fixed seeds and
 * stops at the first failure, with a shrink time limit; the sequential control runs 20 runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROFILES } from '../cli/profiles.js';
import { InvariantSelection } from '../invariants/selection.js';
import { startProxy } from '../test-support/broken-proxy.js';
import { BROKEN_RACE_SERVERS } from '../test-support/broken-race-servers.js';
import { BROKEN_SERVERS, type BrokenServer } from '../test-support/broken-servers.js';
import { raceCampaign } from '../test-support/race-campaign.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';
import { connect } from './connect.js';
import { runSuite, type SuiteResult } from './run-suite.js';

const CI = PROFILES.ci;
const SHRINK_LIMIT_MS = 25_000;
/** Runs in flight at once, as the kill table's other files play them. */
const RUNS_AT_ONCE = 4;
/** The run's create and fork, then at most six more; most shrink to four or five. */
const MAX_STEPS = 8;
/** Runs per mock campaign (two run at once); `RACE_CAMPAIGN_RUNS=2000` makes a long campaign. */
const MOCK_RUNS = Number(process.env.RACE_CAMPAIGN_RUNS ?? 130);

let mock: TestMock;
beforeAll(async () => { mock = await startMock(); });
afterAll(async () => { await mock.close(); });

async function ciAgainst(baseUrl: string, seed: number, runs: number, selection = new InvariantSelection()): Promise<SuiteResult> {
  const { client, ctx } = await connect({ baseUrl, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection, concurrency: RUNS_AT_ONCE });
  try {
    // Several runs in flight: the same failure as one at a time (the lowest-numbered failing run),
    // reached sooner, since runs that wrote one-second cache TTLs wait them out at their end.
    return await runSuite(client, ctx, { seed, runs, maxCommands: CI.maxCommands, timeLimitMs: SHRINK_LIMIT_MS, concurrency: RUNS_AT_ONCE });
  } finally {
    await client.close();
  }
}

const cases = BROKEN_RACE_SERVERS.flatMap((broken) => [1, 2].map((seed) => [broken.name, seed, broken] as const));

describe('race checks', () => {
  test('the mock passes about a thousand races without a false alarm', async () => {
    // Two campaigns at once, as two concurrent clients would: the mock still answers one at a time.
    const campaigns = await Promise.all([raceCampaign(mock.url, 5, MOCK_RUNS, 12), raceCampaign(mock.url, 6, MOCK_RUNS, 12)]);
    for (const campaign of campaigns) expect(campaign.failure, campaign.steps.join(' ; ')).toBeNull();
    const races = campaigns.reduce((sum, c) => sum + c.races, 0);
    const refused = campaigns.reduce((sum, c) => sum + c.withRefusal, 0);
    console.log(`mock: ${races} races, ${refused} with a refused request, no false alarm`);
    expect(races).toBeGreaterThanOrEqual(MOCK_RUNS * 2 * 3);
    // Many races end with a refused request (412, 404, 409…): the requests really compete.
    expect(refused).toBeGreaterThan(races / 5);
  }, Math.max(60_000, MOCK_RUNS * 600));

  test.each(cases)('%s fails with concurrency.linearizable (seed %i), shrunk to a few steps', async (_name, seed, broken: BrokenServer) => {
    const proxy = await startProxy(mock.url, broken.rule());
    try {
      const result = await ciAgainst(proxy.url, seed, CI.runs);
      const failure = result.failure;
      const story = `${broken.name}, seed ${seed}: ${failure ? `${failure.violation.invariant} after ${result.runs} runs, steps ${failure.steps.join(' ; ')}: ${failure.violation.message}` : `passed ${result.runs} runs`}`;
      console.log(story.split('\n')[0]);
      expect(result.passed, story).toBe(false);
      expect(failure?.violation.invariant, story).toBe(broken.breaks);
      expect(failure?.steps.length ?? Infinity, story).toBeLessThanOrEqual(MAX_STEPS);
      expect(failure?.steps[0], story).toMatch(/^create\(/);
      expect(failure?.steps.at(-1), story).toMatch(/^race\(/);
    } finally {
      await proxy.close();
    }
  }, 50_000);

  test.each(BROKEN_RACE_SERVERS.map((b) => [b.name, b] as const))('%s is right one request at a time (passes with concurrency.linearizable skipped)', async (_name, broken: BrokenServer) => {
    const proxy = await startProxy(mock.url, broken.rule());
    try {
      const result = await ciAgainst(proxy.url, 3, 20, new InvariantSelection([], ['concurrency.linearizable']));
      expect(result.failure?.violation ?? null).toBeNull();
      expect(result.runs).toBe(20);
    } finally {
      await proxy.close();
    }
  }, 50_000);

  test('a server that ignores If-Match altogether is named by the rule it breaks, not as a race', async () => {
    // Its same-If-Match races look like lost updates; the control sent alone afterwards shows the
    // precondition fails one request at a time too.
    const ignoring = BROKEN_SERVERS.find((b) => b.name === 'stale If-Match accepted') as BrokenServer;
    const proxy = await startProxy(mock.url, ignoring.rule());
    try {
      const campaign = await raceCampaign(proxy.url, 2, 20, 6);
      expect(campaign.failure, campaign.steps.join(' ; ')).toMatch(/^\[etag\.stale-if-match\] race\(.*control: /s);
      expect(campaign.steps.at(-1)).toMatch(/^race\(/);
    } finally {
      await proxy.close();
    }
  }, 30_000);
});
