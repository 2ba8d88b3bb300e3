// The events bench's clients against an in-process mock: behaviour only, no timing asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { eventually } from '../mock/test-support/sse-client.js';
import { watchedMixedWorkload } from './event-workload.js';
import { openLatencyProbe, openStreamPool } from './sse-clients.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ fixtures: null });
});
afterAll(async () => {
  await server.close();
});

async function session(): Promise<string> {
  const response = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' }, body: '{}' });
  return ((await response.json()) as { id: string }).id;
}

describe('events bench clients', () => {
  it('a pool counts what its streams get, a probe pairs each write with its event, and closing releases both', async () => {
    const ids = [await session(), await session()];
    const pool = await openStreamPool(server.url, 'dev-token', ids, 2);
    expect(pool.open()).toBe(4);
    const probe = await openLatencyProbe(server.url, 'dev-token', ids[0] ?? '');
    await eventually(() => server.core.eventSubscribers() === 5);
    const samples = await probe.run(new Promise((resolve) => setTimeout(resolve, 100)), 5);
    expect(samples.length).toBeGreaterThan(0);
    await eventually(() => pool.bytes() > 0);
    probe.close();
    pool.close();
    await eventually(() => server.core.eventSubscribers() === 0);
  });

  it('the workload writes new bytes to a watched session on every PUT, so every PUT writes an event', () => {
    const make = watchedMixedWorkload('t', ['ses_a', 'ses_b']);
    const [, put] = make();
    const setup = put?.setupRequest;
    if (typeof setup !== 'function') throw new Error('the PUT step sets itself up');
    const context = {};
    const first = setup({ ...put }, context);
    const second = setup({ ...put }, context);
    expect([first.path, second.path]).toEqual(['/v1/sessions/ses_b/files/README.md', '/v1/sessions/ses_a/files/README.md']);
    expect(first.body).not.toEqual(second.body);
  });
});
