// The core as a whole: routing, 501 for contract routes not built yet, idempotent retries, reset, export and import.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { checked, checkedCore, TEST_SCENARIO } from '../test-support/checked-core.js';
import { createSession, expectStatus, fork, putFile, readTree } from '../test-support/session-steps.js';
import { createMockCore } from './mock-core.js';

describe('mock core', () => {
  it('answers an unknown route with 404 and a wrong method with 405 and Allow', () => {
    const api = checkedCore();
    expect(api.send('GET', '/v2/nothing').json.code).toBe('route-not-found');
    const wrong = api.send('PUT', '/v1/sessions');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
    expect(wrong.headers.allow).toContain('POST');
  });

  it('replays a POST retried with the same Idempotency-Key and refuses the key with another body', () => {
    const api = checkedCore();
    const headers = { 'idempotency-key': 'k-1' };
    const first = api.send('POST', '/v1/sessions', { json: { title: 'once' }, headers });
    const retry = api.send('POST', '/v1/sessions', { json: { title: 'once' }, headers });
    expect(retry.json.id).toBe(first.json.id);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items).toHaveLength(1);
    expect(api.send('POST', '/v1/sessions', { json: { title: 'other' }, headers }).json.code).toBe('idempotency-key-reused');
  });

  it('exports its state as a scenario that imports into another core with equal content', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' }, { title: 'exported' });
    putFile(api, s.id, 'b.bin', '\u0000\u0001binary');
    putFile(api, s.id, 'empty', '');
    const child = fork(api, s.id, { title: 'child' });
    api.send('PUT', `/v1/sessions/${s.id}/files/bad/../x`, { body: 'rejected' });
    const state = api.core.exportState();
    const other = checked(createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO }));
    expect(other.core.importState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true });
    expect(readTree(other, s.id)).toEqual(readTree(api, s.id));
    expect(readTree(other, child.id)).toEqual({ 'a.txt': 'a', 'b.bin': '\u0000\u0001binary', empty: '' });
  });

  it('keeps its state when an import fails, and resets to the scenario', () => {
    const api = checkedCore({ checkScenario: (v) => (typeof v === 'object' && v !== null && 'steps' in v ? null : 'no steps') });
    const s = createSession(api);
    expect(api.core.importState({ nope: true })).toMatchObject({ ok: false });
    const broken = { ...TEST_SCENARIO, steps: [{ method: 'GET', path: '/v1/sessions/ses_missing' }] };
    expect(api.core.importState(broken)).toMatchObject({ ok: false });
    expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}`);
    api.core.reset();
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items).toEqual([]);
  });

  it('refuses to start on a scenario whose steps fail', () => {
    const scenario = { ...TEST_SCENARIO, steps: [{ method: 'POST' as const, path: '/v1/sessions', json: { title: 7 } }] };
    expect(() => createMockCore({ contract: loadContract(), scenario })).toThrow(/step 0/);
  });
});
