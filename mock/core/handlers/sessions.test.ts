// SEMANTICS §1 (auth, tenancy, roles), §2 (session fields, version, ETag), §10 (tags, list, delete).
import { describe, expect, it } from 'vitest';
import { checkedCore, TEST_SCENARIO } from '../../test-support/checked-core.js';
import { createSession, expectStatus, fork, getSession, readTree } from '../../test-support/session-steps.js';

describe('sessions: create, read, delete', () => {
  it('creates a session with defaults, Location and ETag, and reads it back unchanged', () => {
    const api = checkedCore();
    const created = api.send('POST', '/v1/sessions', { json: { title: 'First' } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/sessions/${created.json.id}`);
    expect(created.headers.etag).toBe(`"${created.json.version}"`);
    expect(created.json).toMatchObject({ title: 'First', purpose: 'disposable', status: 'active', ownerId: 'usr_owner', tenantId: 'acme', parentSessionId: null, baseRevision: null, committedRevision: null, hasUncommittedChanges: false, version: 1 });
    const read = getSession(api, created.json.id);
    expect(read).toEqual(created.json);
  });

  it('counts initial files as uncommitted changes', () => {
    const api = checkedCore();
    expect(createSession(api, { 'a.txt': 'x' }).hasUncommittedChanges).toBe(true);
  });

  it('answers If-None-Match with 304 while the version is unchanged', () => {
    const api = checkedCore();
    const s = createSession(api);
    const again = api.send('GET', `/v1/sessions/${s.id}`, { headers: { 'if-none-match': `"${s.version}"` } });
    expect(again.status).toBe(304);
  });

  it('deletes a session: 204, then 404 everywhere and gone from the list; forks live on', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'x' });
    const child = fork(api, parent.id);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${parent.id}`);
    expect(api.send('GET', `/v1/sessions/${parent.id}`).json.code).toBe('session-not-found');
    expectStatus(api, 404, 'DELETE', `/v1/sessions/${parent.id}`);
    expectStatus(api, 404, 'GET', `/v1/sessions/${parent.id}/files`);
    const list = expectStatus(api, 200, 'GET', '/v1/sessions').json;
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([child.id]);
    expect(getSession(api, child.id).parentSessionId).toBe(parent.id);
    expectStatus(api, 200, 'GET', `/v1/sessions/${child.id}/files/a.txt`);
  });

  it('refuses a stale If-Match with 412 and changes nothing', () => {
    const api = checkedCore();
    const s = createSession(api);
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['one'] } });
    const stale = api.send('DELETE', `/v1/sessions/${s.id}`, { headers: { 'if-match': `"${s.version}"` } });
    expect(stale.json.code).toBe('precondition-failed');
    expect(getSession(api, s.id).version).toBe(s.version + 1);
  });
});

describe('auth, tenancy and roles', () => {
  it('answers 401 without a token or with an unknown one', () => {
    const api = checkedCore();
    expect(api.send('GET', '/v1/sessions', { token: null }).json.code).toBe('unauthenticated');
    expect(api.send('GET', '/v1/sessions', { token: 'nope' }).status).toBe(401);
  });

  it('hides another tenant\'s session (404, not listed) and a same-tenant session without a role', () => {
    const api = checkedCore();
    const s = createSession(api);
    for (const token of ['t-other', 't-nobody']) {
      expect(api.send('GET', `/v1/sessions/${s.id}`, { token }).status).toBe(404);
      expect(api.send('DELETE', `/v1/sessions/${s.id}`, { token }).status).toBe(404);
      expect(expectStatus(api, 200, 'GET', '/v1/sessions', { token }).json.items).toEqual([]);
    }
  });

  it('lets a viewer read but not change (403), an editor change, and a tenant admin see everything', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'x' }, { access: [{ principalId: 'usr_viewer', role: 'viewer' }, { principalId: 'usr_editor', role: 'editor' }] });
    expect(getSession(api, s.id, 't-viewer').id).toBe(s.id);
    expect(api.send('PATCH', `/v1/sessions/${s.id}/tags`, { token: 't-viewer', json: { add: ['x'] } }).json.code).toBe('forbidden');
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { token: 't-viewer', body: 'y' }).status).toBe(403);
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { token: 't-editor', json: { add: ['x'] } });
    expect(getSession(api, s.id, 't-admin').tags).toEqual(['x']);
    expect(getSession(api, s.id).version).toBe(2);
  });

  it('with auth off acts as the default principal', () => {
    const api = checkedCore({ auth: false });
    const s = api.send('POST', '/v1/sessions', { token: null, json: {} });
    expect(s.status).toBe(201);
    expect(s.json.ownerId).toBe('usr_owner');
  });

  it('lets a tenant admin change a session owned by someone else; another tenant\'s admin gets 404', () => {
    const scenario = { ...TEST_SCENARIO, principals: [...TEST_SCENARIO.principals, { token: 't-other-admin', principalId: 'usr_other_admin', tenantId: 'globex', admin: true }] };
    const api = checkedCore({ scenario });
    const s = createSession(api, { 'a.txt': 'x' });
    for (const token of ['t-other-admin', 't-other']) {
      expect(api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { token, body: 'other' }).json.code).toBe('session-not-found');
      expect(api.send('PATCH', `/v1/sessions/${s.id}/tags`, { token, json: { add: ['other'] } }).json.code).toBe('session-not-found');
    }
    expect(getSession(api, s.id)).toEqual(s);
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { token: 't-admin', body: 'admin' }).status).toBe(200);
    expect(expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { token: 't-admin', json: { add: ['admin'] } }).json).toMatchObject({ tags: ['admin'], version: s.version + 2 });
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'admin' });
  });

  it('with auth off acts as the default principal even for a request carrying another known token', () => {
    const api = checkedCore({ auth: false });
    const mine = expectStatus(api, 201, 'POST', '/v1/sessions', { token: null, json: {} }).json;
    expect(getSession(api, mine.id, 't-other')).toMatchObject({ id: mine.id, ownerId: 'usr_owner', tenantId: 'acme' });
    const theirs = expectStatus(api, 201, 'POST', '/v1/sessions', { token: 't-other', json: {} }).json;
    expect(theirs).toMatchObject({ ownerId: 'usr_owner', tenantId: 'acme' });
  });
});

describe('tags', () => {
  it('has set semantics: idempotent, sorted, version moves only on change', () => {
    const api = checkedCore();
    const s = createSession(api);
    const first = expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['b', 'a', 'b'] } });
    expect(first.json.tags).toEqual(['a', 'b']);
    expect(first.json.version).toBe(2);
    const same = expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['a'], remove: ['zzz'] } });
    expect(same.json.version).toBe(2);
    const removed = expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { remove: ['a'] } });
    expect(removed.json).toMatchObject({ tags: ['b'], version: 3, revision: s.revision });
  });

  it('rejects a bad tag and more than 32 tags, changing nothing', () => {
    const api = checkedCore();
    const s = createSession(api);
    expect(api.send('PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['Bad Tag'] } }).status).toBe(400);
    const many = Array.from({ length: 33 }, (_, i) => `t${i}`);
    const tooMany = api.send('PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: many } });
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(tooMany.status).toBeLessThan(500);
    expect(getSession(api, s.id)).toMatchObject({ tags: [], version: 1 });
  });

  it('refuses a schema-valid PATCH that would leave more than 32 tags with 409 tag-limit-exceeded, changing nothing', () => {
    const api = checkedCore();
    const existing = Array.from({ length: 20 }, (_, i) => `old${String(i).padStart(2, '0')}`);
    const s = createSession(api, {}, { tags: existing });
    const added = Array.from({ length: 20 }, (_, i) => `new${String(i).padStart(2, '0')}`);
    const tooMany = api.send('PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: added } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.code).toBe('tag-limit-exceeded');
    expect(getSession(api, s.id)).toMatchObject({ tags: existing, version: s.version });
    const upTo32 = expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: added.slice(0, 12) } }).json;
    expect(upTo32.tags).toHaveLength(32);
  });
});

describe('create with bad initial files', () => {
  it.each([
    ['a bad path before a collision', ['a/b', 'a', '../x'], 'invalid-path'],
    ['a duplicate path before a collision', ['a/b', 'a', 'a/b'], 'validation-failed'],
  ])('answers 400, not 409 path-collision, for %s', (_name, paths, code) => {
    const api = checkedCore();
    const response = api.send('POST', '/v1/sessions', { json: { files: paths.map((path) => ({ path, content: '' })) } });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe(code);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items).toEqual([]);
  });
});
