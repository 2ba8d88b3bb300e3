// SEMANTICS §2: every change accepts If-Match; a stale one is 412 with nothing changed, a current one works.
import { describe, expect, it } from 'vitest';
import { checkedCore, type CheckedCore } from '../../test-support/checked-core.js';
import { checkpoint, createSession, fork, getSession, putFile, readTree } from '../../test-support/session-steps.js';

const SPEC = { baseImage: null, runtimes: [], packageManagers: [], packages: [], env: {} };

/** A session with a checkpoint, a forked change to merge, and pending changes to commit. */
function prepared(api: CheckedCore) {
  const s = createSession(api, { 'package.json': '{"name":"x"}' });
  const c = checkpoint(api, s.id);
  const child = fork(api, s.id);
  putFile(api, child.id, 'b.txt', 'b');
  putFile(api, s.id, 'a.txt', 'a');
  return { id: s.id as string, checkpointId: c.id as string, childId: child.id as string };
}

const CHANGES: [string, (p: ReturnType<typeof prepared>) => [string, string, Record<string, unknown> | undefined]][] = [
  ['PATCH tags', (p) => ['PATCH', `/v1/sessions/${p.id}/tags`, { add: ['x'] }]],
  ['restore', (p) => ['POST', `/v1/sessions/${p.id}/restore`, { checkpointId: p.checkpointId }]],
  ['commit', (p) => ['POST', `/v1/sessions/${p.id}/commit`, { message: 'm' }]],
  [':merge', (p) => ['POST', `/v1/sessions/${p.id}:merge`, { sourceSessionId: p.childId }]],
  [':mergeFrom', (p) => ['POST', `/v1/sessions/${p.id}:mergeFrom`, { sourceSessionId: p.childId }]],
  ['PUT environmentSpec', (p) => ['PUT', `/v1/sessions/${p.id}/environmentSpec`, SPEC]],
  ['generateEnvironmentSpec apply', (p) => ['POST', `/v1/sessions/${p.id}/generateEnvironmentSpec`, { apply: true }]],
  ['DELETE', (p) => ['DELETE', `/v1/sessions/${p.id}`, undefined]],
];

describe('If-Match on every change to a session', () => {
  it.each(CHANGES)('%s: stale is 412 and changes nothing; current succeeds and moves the version', (_name, build) => {
    const api = checkedCore();
    const p = prepared(api);
    const before = getSession(api, p.id);
    const tree = readTree(api, p.id);
    const [method, url, json] = build(p);
    const stale = api.send(method, url, { json, headers: { 'if-match': `"${before.version - 1}"` } });
    expect(stale.json.code).toBe('precondition-failed');
    expect(getSession(api, p.id)).toEqual(before);
    expect(readTree(api, p.id)).toEqual(tree);
    const current = api.send(method, url, { json, headers: { 'if-match': `"${before.version}"` } });
    expect(current.status).toBeLessThan(300);
    if (method === 'DELETE') expect(api.send('GET', `/v1/sessions/${p.id}`).status).toBe(404);
    else expect(getSession(api, p.id).version).toBe(before.version + 1);
  });
});

const SESSION_ANSWERS: [string, (p: ReturnType<typeof prepared>) => [string, string, Record<string, unknown>]][] = [
  ['fork (the child)', (p) => ['POST', `/v1/sessions/${p.id}/fork`, { title: 'child' }]],
  ['PATCH tags', (p) => ['PATCH', `/v1/sessions/${p.id}/tags`, { add: ['x'] }]],
  ['restore', (p) => ['POST', `/v1/sessions/${p.id}/restore`, { checkpointId: p.checkpointId }]],
  [':merge (the target)', (p) => ['POST', `/v1/sessions/${p.id}:merge`, { sourceSessionId: p.childId }]],
];

describe('ETag of a response that carries a session', () => {
  it.each(SESSION_ANSWERS)('%s: is exactly "<version>" of the session in the body', (_name, build) => {
    const api = checkedCore();
    const p = prepared(api);
    const before = getSession(api, p.id);
    expect(before.version).toBeGreaterThan(1);
    const [method, url, json] = build(p);
    const response = api.send(method, url, { json });
    expect(response.status).toBeLessThan(300);
    const session = response.json.session ?? response.json;
    if (method === 'POST' && url.endsWith('/fork')) expect(session).toMatchObject({ parentSessionId: p.id, version: 1 });
    else expect(session).toMatchObject({ id: p.id, version: before.version + 1 });
    expect(response.headers.etag).toBe(`"${session.version}"`);
    expect(getSession(api, session.id).version).toBe(session.version);
  });

  it('PUT environmentSpec: is exactly "<version>" of the session after the change', () => {
    const api = checkedCore();
    const p = prepared(api);
    const before = getSession(api, p.id);
    const response = api.send('PUT', `/v1/sessions/${p.id}/environmentSpec`, { json: SPEC });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`"${before.version + 1}"`);
    expect(getSession(api, p.id).version).toBe(before.version + 1);
  });
});
