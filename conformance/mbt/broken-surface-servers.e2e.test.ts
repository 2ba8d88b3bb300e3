/**
 * Proof that the steps of the optional surfaces (issue 12: annotations, approvals, the cache,
 * events) catch bugs: every broken server of `test-support/broken-surface-servers.ts` fails the
 * `ci` profile's generators with the invariant it breaks and a shrunk reproduction of at most
 * eight steps, on two fixed seeds, stopping at the first failure with a shrink time limit, as
 * `broken-servers.e2e.test.ts` does.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import { surfaceServers } from '../test-support/broken-surface-servers.js';
import type { BrokenServer } from '../test-support/broken-servers.js';
import { expectCaught } from '../test-support/kill-case.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';

/** Stop shrinking after this long; the best reduction so far is reported. */
const SHRINK_LIMIT_MS = 15_000;
/** Issue 12: shrunk to at most eight steps. */
const MAX_STEPS = 8;

let mock: TestMock;
beforeAll(async () => { mock = await startMock(); });
afterAll(async () => { await mock.close(); });

const cases = surfaceServers({ token: DEMO_TOKENS.owner, principalId: 'usr_bea' }).flatMap((broken) => [1, 2].map((seed) => [broken.name, broken.breaks, seed, broken] as const));

describe('the ci profile against broken servers of the optional surfaces', () => {
  test.each(cases)('%s fails with %s (seed %i) and a short shrunk reproduction', async (_name, _breaks, seed, broken: BrokenServer) => {
    await expectCaught(mock.url, broken, seed, { shrinkLimitMs: SHRINK_LIMIT_MS, maxSteps: MAX_STEPS });
  }, 45_000);
});
