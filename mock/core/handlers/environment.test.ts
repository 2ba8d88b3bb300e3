// SEMANTICS §9: the environment spec is content.
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { checkpoint, createSession, expectStatus, fork, getSession, putFile, readTree } from '../../test-support/session-steps.js';

const SPEC = { baseImage: 'node:20-slim', runtimes: [{ name: 'node', version: '20' }], packageManagers: [], packages: [], env: { NODE_ENV: 'development' } };

describe('environment spec', () => {
  it('is 404 environment-spec-not-set until set; PUT makes a revision; forks and checkpoints carry it', () => {
    const api = checkedCore();
    const s = createSession(api);
    expect(api.send('GET', `/v1/sessions/${s.id}/environmentSpec`).json.code).toBe('environment-spec-not-set');
    const c = checkpoint(api, s.id);
    expectStatus(api, 200, 'PUT', `/v1/sessions/${s.id}/environmentSpec`, { json: SPEC });
    expect(getSession(api, s.id).revision).not.toBe(s.revision);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/environmentSpec`).json).toMatchObject(SPEC);
    const child = fork(api, s.id);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${child.id}/environmentSpec`).json).toMatchObject(SPEC);
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: c.id } });
    expect(api.send('GET', `/v1/sessions/${s.id}/environmentSpec`).status).toBe(404);
  });

  it('generates a spec from package.json deterministically, storing it only with apply', () => {
    const api = checkedCore();
    const pkg = JSON.stringify({ name: 'web', engines: { node: '>=20' }, packageManager: 'pnpm@9.1.0', dependencies: { react: '^19.0.0' } });
    const s = createSession(api, { 'package.json': pkg, '.nvmrc': '20.11.0\n' });
    const dry = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: {} }).json;
    expect(dry.applied).toBe(false);
    expect(dry.sources).toContain('package.json');
    expect(dry.spec.runtimes.map((r: { name: string }) => r.name)).toContain('node');
    expect(dry.spec.packages).toContainEqual(expect.objectContaining({ ecosystem: 'npm', name: 'react' }));
    expect(getSession(api, s.id).version).toBe(s.version);
    const applied = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: { apply: true } }).json;
    expect(applied.spec).toEqual(dry.spec);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/environmentSpec`).json).toEqual(dry.spec);
  });

  it('lets a viewer generate without apply (200) but not with apply (403), changing nothing', () => {
    const api = checkedCore();
    const s = createSession(api, { '.nvmrc': '20\n' }, { access: [{ principalId: 'usr_viewer', role: 'viewer' }] });
    const dry = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { token: 't-viewer', json: {} }).json;
    expect(dry).toMatchObject({ applied: false, sources: ['.nvmrc'], revision: s.revision });
    const refused = api.send('POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { token: 't-viewer', json: { apply: true } });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('forbidden');
    expect(getSession(api, s.id)).toEqual(s);
    expect(api.send('GET', `/v1/sessions/${s.id}/environmentSpec`).json.code).toBe('environment-spec-not-set');
  });

  it('refuses apply on a merged session with 409 session-not-active; without apply it still answers', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'a' });
    const child = fork(api, parent.id);
    putFile(api, child.id, '.nvmrc', '20\n');
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    const retired = getSession(api, child.id);
    expect(retired.status).toBe('merged');
    const refused = api.send('POST', `/v1/sessions/${child.id}/generateEnvironmentSpec`, { json: { apply: true } });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('session-not-active');
    expect(getSession(api, child.id)).toEqual(retired);
    expect(expectStatus(api, 200, 'POST', `/v1/sessions/${child.id}/generateEnvironmentSpec`, { json: {} }).json.applied).toBe(false);
  });

  it('refuses a stale If-Match with 412 even without apply', () => {
    const api = checkedCore();
    const s = createSession(api, { '.nvmrc': '20\n' });
    putFile(api, s.id, 'a.txt', 'a');
    const before = getSession(api, s.id);
    const stale = api.send('POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: {}, headers: { 'if-match': `"${s.version}"` } });
    expect(stale.status).toBe(412);
    expect(stale.json.code).toBe('precondition-failed');
    expect(getSession(api, s.id)).toEqual(before);
    expect(readTree(api, s.id)).toEqual({ '.nvmrc': '20\n', 'a.txt': 'a' });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: {}, headers: { 'if-match': `"${before.version}"` } });
  });
});
