// Contract §13 "Cache entries": create/replace, TTL expiry on the core's clock, rights, list order and paging.
import { describe, expect, it } from 'vitest';
import { ROLES, inspectedCore, teamSession } from '../../test-support/review-steps.js';
import { expectStatus, fork } from '../../test-support/session-steps.js';

const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const entry = (id: string, key: string) => `/v1/sessions/${id}/cache/${key}`;

function setup() {
  const context = inspectedCore({ now: () => START });
  return { ...context, advance: (seconds: number) => context.api.core.clock.advance(seconds * 1000) };
}

describe('cache entries', () => {
  it('creates (201) and replaces (200): a replace keeps createdAt, moves updatedAt and sets the TTL again', () => {
    const { api, advance, eventTypes, store } = setup();
    const s = teamSession(api);
    const created = expectStatus(api, 201, 'PUT', entry(s.id, 'lint.eslint'), { json: { value: { errors: 0 }, ttlSeconds: 60 } });
    expect(created.headers.location).toBe(entry(s.id, 'lint.eslint'));
    expect(created.json).toEqual({ key: 'lint.eslint', value: { errors: 0 }, ttlSeconds: 60, expiresAt: iso(START + 60_000), createdAt: iso(START), updatedAt: iso(START) });
    advance(30);
    const replaced = expectStatus(api, 200, 'PUT', entry(s.id, 'lint.eslint'), { json: { value: null } }).json;
    expect(replaced).toEqual({ key: 'lint.eslint', value: null, ttlSeconds: null, expiresAt: null, createdAt: iso(START), updatedAt: iso(START + 30_000) });
    advance(3600);
    expect(expectStatus(api, 200, 'GET', entry(s.id, 'lint.eslint'), { token: ROLES.viewer }).json).toEqual(replaced);
    expect(store().events.of(s.id).filter((e) => e.type === 'cache.written').map((e) => e.data)).toEqual([{ key: 'lint.eslint', created: true }, { key: 'lint.eslint', created: false }]);
    expectStatus(api, 204, 'DELETE', entry(s.id, 'lint.eslint'));
    expect(api.send('DELETE', entry(s.id, 'lint.eslint')).json.code).toBe('cache-entry-not-found');
    expect(eventTypes(s.id).filter((t) => t.startsWith('cache'))).toEqual(['cache.written', 'cache.written', 'cache.deleted']);
    // Not content: no revision, no version move.
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}`).json).toMatchObject({ revision: s.revision, version: s.version });
  });

  it('is gone from the instant expiresAt is reached: 404 on GET and DELETE, not listed, a PUT creates it anew; no event', () => {
    const { api, advance, eventTypes, store } = setup();
    const s = teamSession(api);
    expectStatus(api, 201, 'PUT', entry(s.id, 'a'), { json: { value: 1, ttlSeconds: 10 } });
    expectStatus(api, 201, 'PUT', entry(s.id, 'b'), { json: { value: 2, ttlSeconds: 10 } });
    expectStatus(api, 201, 'PUT', entry(s.id, 'c'), { json: { value: 3 } });
    advance(9.999);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache`).json.items).toHaveLength(3);
    advance(0.001);
    const before = eventTypes(s.id).length;
    expect(api.send('GET', entry(s.id, 'a')).json.code).toBe('cache-entry-not-found');
    expect(api.send('DELETE', entry(s.id, 'b')).json.code).toBe('cache-entry-not-found');
    expect(store().cache.heldCount()).toBe(1);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache`).json.items.map((e: { key: string }) => e.key)).toEqual(['c']);
    expect(eventTypes(s.id)).toHaveLength(before);
    const again = expectStatus(api, 201, 'PUT', entry(s.id, 'a'), { json: { value: 'new' } }).json;
    expect(again.createdAt).toBe(iso(START + 10_000));
  });

  it('drops expired entries when listed, so memory holds only live ones', () => {
    const { api, advance, store } = setup();
    const s = teamSession(api);
    for (let i = 0; i < 20; i += 1) expectStatus(api, 201, 'PUT', entry(s.id, `k${i}`), { json: { value: i, ttlSeconds: 1 } });
    advance(1);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache`).json.items).toEqual([]);
    expect(store().cache.heldCount()).toBe(0);
  });

  it('needs change rights to write: viewers get 403, strangers and other tenants 404; a merged session takes writes', () => {
    const { api, eventTypes } = setup();
    const s = teamSession(api);
    expect(api.send('PUT', entry(s.id, 'k'), { token: ROLES.viewer, json: { value: 1 } }).json.code).toBe('forbidden');
    for (const token of [ROLES.stranger, ROLES.otherTenant]) expect(api.send('PUT', entry(s.id, 'k'), { token, json: { value: 1 } }).json.code).toBe('session-not-found');
    expect(eventTypes(s.id).filter((t) => t.startsWith('cache'))).toEqual([]);
    expectStatus(api, 201, 'PUT', entry(s.id, 'k'), { token: ROLES.editor, json: { value: 1 } });
    expectStatus(api, 200, 'PUT', entry(s.id, 'k'), { token: ROLES.admin, json: { value: 2 } });
    expect(api.send('DELETE', entry(s.id, 'k'), { token: ROLES.viewer }).json.code).toBe('forbidden');
    expect(api.send('GET', entry(s.id, 'k'), { token: ROLES.stranger }).json.code).toBe('session-not-found');
    const child = fork(api, s.id);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${child.id}/cache`).json.items).toEqual([]);
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    expectStatus(api, 201, 'PUT', entry(child.id, 'k'), { json: { value: 'merged' } });
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${s.id}`);
    expect(api.send('GET', entry(s.id, 'k')).json.code).toBe('session-not-found');
  });

  it('lists by key in code point order with a prefix, paged', () => {
    const { api } = setup();
    const s = teamSession(api);
    for (const key of ['test.vitest', 'lint.eslint', 'Lint.z', 'lint.biome', 'lint:x', 'test.go']) expectStatus(api, 201, 'PUT', entry(s.id, key), { json: { value: key } });
    const all = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache`).json.items.map((e: { key: string }) => e.key);
    expect(all).toEqual(['Lint.z', 'lint.biome', 'lint.eslint', 'lint:x', 'test.go', 'test.vitest']);
    const first = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache?prefix=lint&limit=2`).json;
    expect(first.items.map((e: { key: string }) => e.key)).toEqual(['lint.biome', 'lint.eslint']);
    const rest = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache?prefix=lint&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`).json;
    expect(rest).toEqual({ items: [expect.objectContaining({ key: 'lint:x' })], nextCursor: null });
    expect(api.send('GET', `/v1/sessions/${s.id}/cache?cursor=${encodeURIComponent(Buffer.from('["a/b"]').toString('base64url'))}`).json.code).toBe('invalid-cursor');
  });
});
