// SEMANTICS §9: the environment spec is content.
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { checkpoint, createSession, expectStatus, fork, getSession } from '../../test-support/session-steps.js';

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
});
