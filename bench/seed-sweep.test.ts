/**
 * CI's small false-alarm campaign: a few seeds of the `ci` profile, 100 runs each, against the
 * mock (the full campaign, 20 seeds × 400 runs, is `npm run sweep:seeds`; figures in the README).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_TOKENS, startMock, type TestMock } from '../conformance/test-support/start-mock.js';
import { sweepSeeds } from './seed-sweep.js';

let mock: TestMock;
beforeAll(async () => { mock = await startMock(); });
afterAll(async () => { await mock.close(); });

describe('seed sweep', () => {
  test('the ci profile raises no false alarm against the mock on seeds 3, 11 and 1234, and checks every invariant', async () => {
    const outcomes = await sweepSeeds([3, 11, 1234], {
      baseUrl: mock.url, tokens: { token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant }, profile: 'ci', runs: 100,
    });
    for (const o of outcomes) {
      expect(o.alarm, `seed ${o.seed}`).toBeNull();
      expect(o.runs, `seed ${o.seed}: every planned run made`).toBe(100);
      expect(o.commands).toBeGreaterThan(500);
      // Every rule is checked, or a certified run against a conforming server could not certify.
      expect(o.notExercised, `seed ${o.seed}`).toEqual([]);
    }
  }, 120_000);
});
