/**
 * End to end: the quick profile passes against the real mock (directly and through a
 * transparent proxy). The broken servers are proved in `broken-servers.e2e.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvariantSelection } from '../invariants/selection.js';
import { PASS_THROUGH } from '../test-support/broken-servers.js';
import { startProxy } from '../test-support/broken-proxy.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';
import { connect } from './connect.js';
import { runSuite, type SuiteResult } from './run-suite.js';

let mock: TestMock;
beforeAll(async () => { mock = await startMock(); });
afterAll(async () => { await mock.close(); });

async function suiteAgainst(baseUrl: string, runs: number, seed: number, maxCommands = 25): Promise<SuiteResult> {
  const { client, ctx } = await connect({ baseUrl, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection: new InvariantSelection() });
  try {
    return await runSuite(client, ctx, { seed, runs, maxCommands, timeLimitMs: 15_000 });
  } finally {
    await client.close();
  }
}

describe('conformance suite end to end', () => {
  test('the quick profile passes on the mock (through a transparent proxy too)', async () => {
    const direct = await suiteAgainst(mock.url, 25, 424242);
    expect(direct.failure?.violation ?? null).toBeNull();
    expect(direct.commands).toBeGreaterThan(50);
    const proxy = await startProxy(mock.url, PASS_THROUGH);
    try {
      const proxied = await suiteAgainst(proxy.url, 10, 99);
      expect(proxied.failure?.violation ?? null).toBeNull();
    } finally {
      await proxy.close();
    }
  });
});
