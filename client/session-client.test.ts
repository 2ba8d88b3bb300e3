// The client's helpers: retries with one Idempotency-Key (fake fetch, injected backoff), and
// against a real mock: page iteration, If-Match from an ETag, problem+json as SessionApiError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { createSessionClient, ifMatch, isSessionApiError, SessionApiError } from './index.js';
import { checkedFetch } from './test-support/checked-fetch.js';

const detail = { id: 'ses_1', title: 't' };
const json = (status: number, body: unknown, type = 'application/json'): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string): Response => json(status, { type: `urn:session-api:problem:${code}`, title: code, status, code }, 'application/problem+json');

/** A fake fetch answering from a script, recording each request's Idempotency-Key. */
function scripted(...answers: (Response | Error)[]): { fetch: (r: Request) => Promise<Response>; keys: (string | null)[] } {
  const keys: (string | null)[] = [];
  return {
    keys,
    fetch: (request) => {
      keys.push(request.headers.get('idempotency-key'));
      const next = answers.shift() ?? new Error('script exhausted');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

describe('POST retries with an Idempotency-Key', () => {
  const waits: number[] = [];
  const retry = { attempts: 3, backoff: (n: number) => n * 100, sleep: (ms: number) => { waits.push(ms); return Promise.resolve(); }, newKey: () => 'key-1' };

  it('retries network errors and 5xx with the same key, then returns the success', async () => {
    waits.length = 0;
    const fake = scripted(new TypeError('fetch failed'), problem(503, 'internal-error'), json(201, detail));
    const client = createSessionClient({ baseUrl: 'http://api.test', token: 't', fetch: fake.fetch, retry });
    const { data, status } = await client.call('createSession', { body: { title: 't' } });
    expect({ data, status }).toEqual({ data: detail, status: 201 });
    expect(fake.keys).toEqual(['key-1', 'key-1', 'key-1']);
    expect(waits).toEqual([100, 200]);
  });

  it('stops after the attempts with the last answer as a SessionApiError, keeps the caller\'s key, and does not retry 4xx or 501', async () => {
    const fake = scripted(problem(500, 'internal-error'), problem(502, 'internal-error'), problem(507, 'storage-failed'), problem(409, 'nothing-to-commit'), problem(501, 'not-implemented'));
    const client = createSessionClient({ baseUrl: 'http://api.test', token: 't', fetch: fake.fetch, retry });
    const args = { params: { path: { sessionId: 'ses_1' }, header: { 'Idempotency-Key': 'mine' } }, body: { message: 'm' } };
    await expect(client.call('commitSession', args)).rejects.toMatchObject({ status: 507, code: 'storage-failed' });
    expect(fake.keys).toEqual(['mine', 'mine', 'mine']);
    await expect(client.call('commitSession', args)).rejects.toMatchObject({ status: 409, code: 'nothing-to-commit' });
    await expect(client.call('commitSession', args)).rejects.toMatchObject({ status: 501, code: 'not-implemented' });
    expect(fake.keys).toHaveLength(5);
  });

  it('makes a new key per call and never retries a GET or a PUT', async () => {
    let n = 0;
    const fake = scripted(json(201, detail), json(201, detail), problem(503, 'internal-error'));
    const client = createSessionClient({ baseUrl: 'http://api.test', token: 't', fetch: fake.fetch, retry: { ...retry, newKey: () => `k${++n}` } });
    await client.call('createSession', { body: { title: 'a' } });
    await client.call('createSession', { body: { title: 'b' } });
    await expect(client.call('getSession', { params: { path: { sessionId: 'ses_1' } } })).rejects.toBeInstanceOf(SessionApiError);
    expect(fake.keys).toEqual(['k1', 'k2', null]);
  });

  it('a body that is not a problem still rejects with a typed error', async () => {
    const fake = scripted(new Response('<html>Bad gateway</html>', { status: 404, headers: { 'content-type': 'text/html' } }));
    const client = createSessionClient({ baseUrl: 'http://api.test', token: 't', fetch: fake.fetch });
    await expect(client.call('getSession', { params: { path: { sessionId: 'ses_1' } } })).rejects.toMatchObject({ status: 404, code: 'route-not-found', problem: null, errors: [] });
  });
});

describe('against a real mock', () => {
  let server: MockServer;
  beforeAll(async () => { server = await createMockServer({ port: 0, fixtures: null, auth: false }); });
  afterAll(async () => { await server.close(); });

  it('iterates every page of a list, sends If-Match from an ETag, and surfaces problems with code and errors[]', async () => {
    const checked = checkedFetch();
    const client = createSessionClient({ baseUrl: server.url, token: 'any', fetch: checked.fetch });
    const { data: session, etag } = await client.call('createSession', { body: { title: 'Pages' } });
    for (const label of ['c1', 'c2', 'c3', 'c4', 'c5']) await client.call('createCheckpoint', { params: { path: { sessionId: session.id } }, body: { label } });
    const labels: (string | null)[] = [];
    for await (const checkpoint of client.pages('listCheckpoints', { params: { path: { sessionId: session.id }, query: { limit: 2 } } })) labels.push(checkpoint.label);
    expect(labels).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
    expect(checked.sent.filter((r) => r.url.includes('/checkpoints?')).map((r) => new URL(r.url, 'http://x').searchParams.has('cursor'))).toEqual([false, true, true]);

    // A file written with If-Match of its own ETag, then again with the stale one: 412.
    const path = { sessionId: session.id, filePath: 'docs/a b.md' };
    const first = await client.call('putFile', { params: { path }, body: 'one' });
    expect(checked.sent.at(-1)?.url).toBe(`/v1/sessions/${session.id}/files/docs%2Fa%20b.md`);
    await client.call('putFile', { params: { path, header: ifMatch(first) }, body: 'two' });
    await expect(client.call('putFile', { params: { path, header: ifMatch(first) }, body: 'three' })).rejects.toMatchObject({ status: 412, code: 'precondition-failed' });
    expect(() => ifMatch({ etag: null })).toThrow(TypeError);
    // If-None-Match with the current ETag: 304, no body, not an error.
    const current = await client.call('getSession', { params: { path: { sessionId: session.id } } });
    const again = await client.call('getSession', { params: { path: { sessionId: session.id }, header: { 'If-None-Match': current.etag ?? '' } } });
    expect({ status: again.status, notModified: again.notModified, data: again.data, etag: again.etag }).toEqual({ status: 304, notModified: true, data: undefined, etag: current.etag });
    await expect(client.call('deleteSession', { params: { path: { sessionId: session.id }, header: ifMatch(etag ?? '') } })).rejects.toMatchObject({ status: 412 });

    const invalid = await client.call('listSessions', { params: { query: { limit: 0 } } }).catch((error: unknown) => error);
    expect(isSessionApiError(invalid, 'validation-failed')).toBe(true);
    expect((invalid as SessionApiError).errors).toContainEqual(expect.objectContaining({ pointer: '#/query/limit' }));
    expect(checked.violations).toEqual([]);
  });

  it('the contract check in these tests does catch an undocumented answer', async () => {
    const checked = checkedFetch(() => Promise.resolve(json(418, { teapot: true })));
    const client = createSessionClient({ baseUrl: server.url, token: 'any', fetch: checked.fetch });
    await expect(client.call('getSession', { params: { path: { sessionId: 'ses_1' } } })).rejects.toMatchObject({ status: 418 });
    expect(checked.violations.length).toBeGreaterThan(0);
  });
});
