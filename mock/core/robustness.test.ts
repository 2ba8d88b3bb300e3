// Bad input: each answered with a documented 4xx problem+json, state unchanged, no 5xx, no crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedCore, type CheckedCore } from '../test-support/checked-core.js';
import { checkpoint, createSession, expectStatus, fork, getSession, readTree } from '../test-support/session-steps.js';

/** Everything a client can observe, as the tenant admin sees it. */
function snapshot(api: CheckedCore): unknown {
  const list = expectStatus(api, 200, 'GET', '/v1/sessions?limit=200', { token: 't-admin' }).json;
  return list.items.map((s: { id: string }) => ({ detail: getSession(api, s.id, 't-admin'), files: readTree(api, s.id) }));
}

function seeded(): { api: CheckedCore; id: string; childId: string; checkpointId: string } {
  const api = checkedCore();
  const s = createSession(api, { 'a.txt': 'a', 'dir/b.txt': 'b' }, { tags: ['seed'] });
  const c = checkpoint(api, s.id);
  const child = fork(api, s.id);
  return { api, id: s.id, childId: child.id, checkpointId: c.id };
}

function expectRejected(api: CheckedCore, response: { status: number; headers: Record<string, string> }, label: string): void {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers['content-type'], label).toBe('application/problem+json');
}

/** A create/fork body whose metadata is 1 object level plus `arrays` nested arrays deep. */
function deepMetadataBody(arrays: number): string {
  return `{"metadata":{"a":${'['.repeat(arrays)}${']'.repeat(arrays)}}}`;
}

describe('robustness', () => {
  it('answers each named kind of bad input with its documented code and changes nothing', () => {
    const { api, id } = seeded();
    const before = snapshot(api);
    const json = { 'content-type': 'application/json' };
    const cases: [string, string, string, Parameters<CheckedCore['send']>[2], string][] = [
      ['malformed JSON', 'POST', '/v1/sessions', { body: '{"title":', headers: json }, 'malformed-json'],
      ['bad UTF-8 in JSON', 'POST', '/v1/sessions', { body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), headers: json }, 'malformed-json'],
      ['wrong content type', 'POST', '/v1/sessions', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'unsupported-media-type'],
      ['JSON body over the limit', 'POST', '/v1/sessions', { body: JSON.stringify({ title: 'x'.repeat(1_100_000) }), headers: json }, 'content-too-large'],
      ['unknown field', 'POST', '/v1/sessions', { json: { title: 'x', extra: 1 } }, 'validation-failed'],
      ['encoded traversal', 'PUT', `/v1/sessions/${id}/files/%2e%2e%2Fetc%2Fpasswd`, { body: 'x' }, 'invalid-path'],
      ['absolute path', 'PUT', `/v1/sessions/${id}/files/%2Fetc%2Fpasswd`, { body: 'x' }, 'invalid-path'],
      ['bad percent-encoding', 'PUT', `/v1/sessions/${id}/files/a%ZZ`, { body: 'x' }, 'invalid-path'],
      ['bad UTF-8 in a path', 'PUT', `/v1/sessions/${id}/files/a%FF`, { body: 'x' }, 'invalid-path'],
      ['huge tag list', 'PATCH', `/v1/sessions/${id}/tags`, { json: { add: Array.from({ length: 5000 }, (_, i) => `t${i}`) } }, 'validation-failed'],
      ['unknown session', 'GET', '/v1/sessions/ses_unknown1', {}, 'session-not-found'],
      ['unknown checkpoint', 'POST', `/v1/sessions/${id}/restore`, { json: { checkpointId: 'chk_unknown1' } }, 'checkpoint-not-found'],
      ['metadata over 16 KiB', 'POST', '/v1/sessions', { json: { metadata: { big: 'x'.repeat(17_000) } } }, 'validation-failed'],
      ['metadata nested 5,000 deep (10 KB)', 'POST', '/v1/sessions', { body: deepMetadataBody(5_000), headers: json }, 'validation-failed'],
      ['metadata nested 400,000 deep (800 KB)', 'POST', '/v1/sessions', { body: deepMetadataBody(400_000), headers: json }, 'validation-failed'],
      ['fork metadata nested 5,000 deep', 'POST', `/v1/sessions/${id}/fork`, { body: deepMetadataBody(5_000), headers: json }, 'validation-failed'],
      ['metadata nested 33 levels', 'POST', '/v1/sessions', { body: deepMetadataBody(32), headers: json }, 'validation-failed'],
    ];
    for (const [label, method, url, request, code] of cases) {
      const response = api.send(method, url, request);
      expectRejected(api, response, label);
      expect(response.json.code, label).toBe(code);
    }
    expect(snapshot(api)).toEqual(before);
  });

  it('takes metadata nested exactly 32 levels deep, the documented limit', () => {
    const api = checkedCore();
    const created = api.send('POST', '/v1/sessions', { body: deepMetadataBody(31), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(getSession(api, created.json.id).metadata).toEqual(JSON.parse(deepMetadataBody(31)).metadata);
  });

  it('refuses __proto__ and constructor as metadata keys, and keeps them as plain data deeper down', () => {
    const api = checkedCore();
    const json = { 'content-type': 'application/json' };
    const refused = api.send('POST', '/v1/sessions', { body: '{"metadata":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}}', headers: json });
    expect(refused.json.code).toBe('validation-failed');
    expect(refused.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/metadata/__proto__', '/metadata/constructor']);
    const nested = api.send('POST', '/v1/sessions', { body: '{"metadata":{"data":{"__proto__":{"polluted":true},"constructor":1}}}', headers: json });
    expect(nested.status).toBe(201);
    expect(Object.keys(nested.json.metadata.data).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(getSession(api, nested.json.id).metadata).toEqual(nested.json.metadata);
  });

  it('rejects generated bad requests with 4xx problem+json and no change (property)', () => {
    const { api, id, childId, checkpointId } = seeded();
    const before = snapshot(api);
    const target = fc.constantFrom(id, childId, 'ses_nobody00', '..', '%00', '');
    const junk = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 40 }).map((b) => new TextDecoder().decode(b)));
    const badRequest = fc.oneof(
      fc.record({ method: fc.constantFrom('POST', 'PATCH', 'PUT'), url: fc.constantFrom('/v1/sessions', `/v1/sessions/${id}/tags`, `/v1/sessions/${id}/environmentSpec`, `/v1/sessions/${id}/commit`, `/v1/sessions/${id}/restore`, `/v1/sessions/${id}:merge`), body: junk, type: fc.constantFrom('application/json', 'text/plain', 'application/xml') }),
      fc.record({ method: fc.constant('PUT'), url: fc.tuple(target, fc.constantFrom('../x', '/abs', 'a//b', 'a/./b', '%2e%2e/x', 'a\\b', 'a%00b', 'x%C0%AF')).map(([s, p]) => `/v1/sessions/${s}/files/${p}`), body: junk, type: fc.constant('application/octet-stream') }),
      fc.record({ method: fc.constantFrom('POST'), url: target.map((s) => `/v1/sessions/${s}/fork`), body: fc.constantFrom('{"checkpointId":"chk_nope0000"}', `{"checkpointId":"${checkpointId}","x":1}`, '{"tags":["UPPER"]}', '[]'), type: fc.constant('application/json') }),
      fc.record({ method: fc.constantFrom('GET', 'DELETE'), url: fc.tuple(target, fc.constantFrom('?limit=0', '?limit=abc', '?cursor=%%%', '/files?revision=rev_nope0000', '/checkpoints/chk_nope0000', '/commits?limit=-1')).map(([s, q]) => `/v1/sessions/${s}${q}`), body: fc.constant(''), type: fc.constant('application/json') }),
    );
    fc.assert(
      fc.property(badRequest, fc.constantFrom('t-owner', 't-viewer', 't-other'), (request, token) => {
        const response = api.send(request.method, request.url, { token, body: request.body, headers: { 'content-type': request.type } });
        // Some generated bodies are valid by chance (e.g. `{}` for a tags PATCH): those must be no-op successes.
        if (response.status < 400) {
          if (response.status === 201 && request.url === '/v1/sessions') expectStatus(api, 204, 'DELETE', `/v1/sessions/${String(response.json.id)}`, { token });
          return;
        }
        expectRejected(api, response, `${request.method} ${request.url}`);
      }),
      { numRuns: 300, seed: 20261124 },
    );
    expect(snapshot(api)).toEqual(before);
  });
});
