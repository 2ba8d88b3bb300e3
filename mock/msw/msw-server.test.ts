// The MSW handlers in a test runner (setupServer, no port; MSW 2 here, MSW 3 via vitest.msw3.config.ts): the README walkthrough through fetch,
// the event stream, and the admin controls as functions. Every answer is checked against the contract.
import { setupServer } from 'msw/node';
// Resolved as the handlers' `msw` is (vitest.msw3.config.ts aliases both), unlike a require.
import mswPackage from 'msw/package.json' with { type: 'json' };
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations } from '../test-support/checked-core.js';
import { fetchWalkthrough, type FetchedAnswer } from '../test-support/fetch-walkthrough.js';
import { sessionApiHandlers } from './index.js';

const BASE = 'http://api.session.test';
// The public entry's defaults: the bundled contract, the bundled demo, imports checked by the bundled schema.
const mock = sessionApiHandlers({ baseUrl: BASE });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  mock.clearFaults();
});
afterAll(() => server.close());

function expectValid(answer: FetchedAnswer): void {
  const body = new TextEncoder().encode(answer.text);
  expect(contractViolations({ method: answer.method, url: answer.path, headers: {} }, { status: answer.status, headers: answer.headers, body }), `${answer.method} ${answer.path}`).toEqual([]);
}

describe('MSW handlers (setupServer)', () => {
  it('run on the MSW major this run is for (2 here; 3 under vitest.msw3.config.ts)', () => {
    expect(mswPackage.version.split('.')[0]).toBe(process.env.EXPECT_MSW_MAJOR ?? '2');
  });

  it('run the README walkthrough through fetch with the answers the README shows, and stream events', async () => {
    const result = await fetchWalkthrough(BASE);
    for (const answer of result.answers) expectValid(answer);
    expect({ code: result.conflict.code, conflicts: result.conflict.conflicts }).toEqual({ code: 'merge-conflict', conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }] });
    expect(result.resolved).toMatchObject({ fastForward: false, applied: [{ path: 'src/app.ts', change: 'modified' }], resolved: ['src/app.ts'] });
    expect(result.commit).toMatchObject({ revision: result.summary.revision, changes: [{ path: 'README.md', change: 'added' }, { path: 'src/app.ts', change: 'added' }] });
    expect(result.liveEvent).toMatchObject({ type: 'file.written', data: { path: 'live.txt' } });
    // The stream the walkthrough dropped released its subscription.
    await expect.poll(() => mock.core.eventSubscribers()).toBe(0);
  });

  it('serve the demo fixtures, and reset, export and import as functions', async () => {
    const list = await fetch(`${BASE}/v1/sessions?limit=200`, { headers: { authorization: 'Bearer demo-ana' } });
    const before = ((await list.json()) as { items: unknown[] }).items.length;
    expect(before).toBeGreaterThan(0);
    const created = await fetch(`${BASE}/v1/sessions`, { method: 'POST', headers: { authorization: 'Bearer demo-ana', 'content-type': 'application/json' }, body: '{"title":"extra"}' });
    expect(created.status).toBe(201);
    const exported = mock.exportState();
    expect(mock.reset()).toEqual({ ok: true });
    const count = async () => (((await (await fetch(`${BASE}/v1/sessions?limit=200`, { headers: { authorization: 'Bearer demo-ana' } })).json()) as { items: unknown[] }).items.length);
    expect(await count()).toBe(before);
    expect(mock.importState(exported)).toEqual({ ok: true });
    expect(await count()).toBe(before + 1);
    expect(mock.importState({ name: 'broken' })).toMatchObject({ ok: false, message: expect.stringContaining('not a scenario') as string });
  });

  it('inject faults and answer the admin API under the base URL too', async () => {
    expect(mock.setFaults({ latency: null, errors: [{ operationId: 'listSessions', status: 503, rate: 1 }] })).toEqual({ ok: true });
    expect((await fetch(`${BASE}/v1/sessions`, { headers: { authorization: 'Bearer demo-ana' } })).status).toBe(503);
    expect(mock.setFaults({ errors: [{ operationId: 'noSuchOperation', status: 503, rate: 1 }] })).toMatchObject({ ok: false });
    mock.clearFaults();
    expect((await fetch(`${BASE}/v1/sessions`, { headers: { authorization: 'Bearer demo-ana' } })).status).toBe(200);
    const admin = await fetch(`${BASE}/__admin/clock`);
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ frozen: false });
  });

  it('sit under a path prefix when the base URL has one', async () => {
    const prefixed = sessionApiHandlers({ baseUrl: 'http://app.test/api/' });
    server.use(...prefixed.handlers);
    const answer = await fetch('http://app.test/api/v1/sessions?limit=1', { headers: { authorization: 'Bearer demo-ana' } });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { items: unknown[] }).items).toHaveLength(1);
    server.resetHandlers();
  });
});
