// The node:http adapter and the app layer: real sockets, the demo fixtures, admin API, CORS, limits.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import type { LogEntry } from '../app/request-log.js';
import { sendChecked, type HttpTestRequest } from '../test-support/checked-http.js';
import { parseReply, rawExchangeWith, type ParsedReply } from '../test-support/raw-http.js';
import { MAX_STATE_IMPORT_BYTES } from '../app/body-limits.js';
import { createMockServer, type MockServer } from './create-mock-server.js';
import { MAX_REQUEST_BYTES } from './node-adapter.js';

let server: MockServer;

/** Sends over HTTP and checks the answer against the contract (admin routes are outside it). */
const send = (method: string, path: string, options?: HttpTestRequest) => sendChecked(server.url, method, path, options);

/** A raw HTTP exchange: sends `head` (and no body) and reads the answer until the server closes. */
async function rawExchange(target: MockServer, head: string): Promise<ParsedReply> {
  return parseReply((await rawExchangeWith(target.url, head)).text);
}

beforeAll(async () => {
  server = await createMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('createMockServer with the demo fixtures', () => {
  it('serves the demo sessions, separated by tenant', async () => {
    const acme = await send('GET', '/v1/sessions?limit=200');
    const globex = await send('GET', '/v1/sessions?limit=200', { token: 'demo-erin' });
    expect(acme.headers.server).toMatch(/^session-mock\/\d+\.\d+\.\d+/);
    expect(acme.json.items.length).toBeGreaterThan(10);
    expect(globex.json.items.length).toBeGreaterThan(3);
    expect(acme.json.items.length + globex.json.items.length).toBeGreaterThanOrEqual(35);
    const acmeIds = new Set(acme.json.items.map((s: { id: string }) => s.id));
    expect(globex.json.items.some((s: { id: string }) => acmeIds.has(s.id))).toBe(false);
    expect(globex.json.items.every((s: { tenantId: string }) => s.tenantId === 'globex')).toBe(true);
  });

  it('resets to the fixtures, exports and imports state, and keeps a request log', async () => {
    const created = await send('POST', '/v1/sessions', { json: { title: 'temporary' } });
    expect(created.status).toBe(201);
    const exported = await send('GET', '/__admin/state');
    expect(exported.json.steps.at(-1)).toMatchObject({ method: 'POST', path: '/v1/sessions' });
    const log = await send('GET', '/__admin/requests?limit=5');
    expect(log.json.items[0]).toMatchObject({ method: 'POST', url: '/v1/sessions', status: 201 });
    expect((await send('POST', '/__admin/reset')).status).toBe(204);
    expect((await send('GET', `/v1/sessions/${created.json.id}`)).status).toBe(404);
    expect((await send('PUT', '/__admin/state', { json: exported.json })).status).toBe(204);
    expect((await send('GET', `/v1/sessions/${created.json.id}`)).json.title).toBe('temporary');
    expect((await send('PUT', '/__admin/state', { json: { steps: 'no' } })).status).toBe(400);
    await send('POST', '/__admin/reset');
  });

  it('injects faults per operation and clears them', async () => {
    const set = await send('PUT', '/__admin/faults', { json: { latency: null, errors: [{ operationId: 'listSessions', status: 503, rate: 1 }] } });
    expect(set.status).toBe(200);
    const failing = await request(`${server.url}/v1/sessions`, { headers: { authorization: 'Bearer demo-ana' } });
    expect(failing.statusCode).toBe(503);
    await failing.body.dump();
    expect((await send('GET', '/v1/sessions/ses_none')).status).toBe(404);
    const log = await send('GET', '/__admin/requests?limit=2');
    // Problem codes reach the log for the mock's own problems and for injected faults alike.
    expect(log.json.items).toMatchObject([
      { url: '/v1/sessions/ses_none', status: 404, code: 'session-not-found' },
      { url: '/v1/sessions', status: 503, code: 'fault-injected' },
    ]);
    expect((await send('PUT', '/__admin/faults', { json: { errors: [{ operationId: 'x', status: 200, rate: 1 }] } })).status).toBe(400);
    expect((await send('DELETE', '/__admin/faults')).status).toBe(204);
    expect((await send('GET', '/v1/sessions')).status).toBe(200);
  });

  it('answers CORS preflights from localhost origins only', async () => {
    const ok = await request(`${server.url}/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    await ok.body.dump();
    const other = await request(`${server.url}/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await other.body.dump();
  });

  it('stores an empty file for a PUT without a body and for one with Content-Length: 0 (the same request in HTTP/1.1)', async () => {
    const created = await send('POST', '/v1/sessions', { json: { title: 'empty bodies' } });
    const id = created.json.id as string;
    const put = (name: string, framing: string): Promise<ParsedReply> =>
      rawExchange(server, `PUT /v1/sessions/${id}/files/${name} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-ana\r\n${framing}Connection: close\r\n\r\n`);
    for (const [name, framing] of [['no-body.txt', ''], ['zero-length.txt', 'Content-Length: 0\r\n'], ['zero-octets.bin', 'Content-Length: 0\r\nContent-Type: application/octet-stream\r\n']] as const) {
      const reply = await put(name, framing);
      expect(reply.status, name).toBe(201);
      expect(reply.json, name).toMatchObject({ path: name, size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', changed: true });
    }
    const listed = await send('GET', `/v1/sessions/${id}/files`);
    expect(listed.json.items.map((f: { size: number }) => f.size)).toEqual([0, 0, 0]);
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const list = await send('GET', '/v1/sessions?limit=1');
    const id = list.json.items[0].id as string;
    const big = Buffer.alloc(7 * 1024 * 1024, 97);
    const response: Awaited<ReturnType<typeof request>> | Error = await request(`${server.url}/v1/sessions/${id}/files/big.txt`, { method: 'PUT', body: big, headers: { authorization: 'Bearer demo-ana', 'content-type': 'application/octet-stream' } }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (response instanceof Error) {
      // The server may close the socket before the whole body is sent; it must not have stored it.
      expect(response.message).toMatch(/socket|closed|reset|EPIPE/i);
    } else {
      expect(response.statusCode).toBe(413);
      await response.body.dump();
    }
    expect((await send('GET', `/v1/sessions/${id}/files/big.txt`)).status).toBe(404);
  });

  it('answers a body over 6 MiB through the app: 413 problem+json with CORS headers and a log entry, then closes', async () => {
    const lines: LogEntry[] = [];
    const logged = await createMockServer({ fixtures: null, onRequest: (entry) => lines.push(entry) });
    try {
      const path = '/v1/sessions/ses_none/files/big.txt';
      // Only the head is sent: the answer must not wait for (or buffer) the announced body.
      const reply = await rawExchange(logged, `PUT ${path} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:5173\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/octet-stream\r\nContent-Length: ${MAX_REQUEST_BYTES + 1}\r\n\r\n`);
      expect(reply.status).toBe(413);
      expect(reply.headers).toMatchObject({ 'content-type': 'application/problem+json', connection: 'close', 'access-control-allow-origin': 'http://localhost:5173' });
      expect(reply.headers.server).toMatch(/^session-mock\//);
      expect(reply.json).toMatchObject({ status: 413, code: 'content-too-large' });
      expect(loadContract().schemas.component('Problem')(reply.json)).toBe(true);
      expect(lines).toMatchObject([{ method: 'PUT', url: path, status: 413, code: 'content-too-large' }]);
      const log = await request(`${logged.adminUrl}/requests`);
      expect(((await log.body.json()) as { items: unknown[] }).items).toMatchObject([{ url: path, status: 413, code: 'content-too-large' }]);
    } finally {
      await logged.close();
    }
  });

  it('imports an export larger than 6 MiB (a state holding a 5 MiB file), and holds admin bodies to their limits', async () => {
    const fresh = await createMockServer({ fixtures: null });
    try {
      const auth = { authorization: 'Bearer dev-token' };
      const created = await request(`${fresh.url}/v1/sessions`, { method: 'POST', body: '{"title":"big"}', headers: { ...auth, 'content-type': 'application/json' } });
      const { id } = (await created.body.json()) as { id: string };
      const file = Buffer.alloc(5 * 1024 * 1024, 'abcdefghij');
      const put = await request(`${fresh.url}/v1/sessions/${id}/files/big.bin`, { method: 'PUT', body: file, headers: { ...auth, 'content-type': 'application/octet-stream' } });
      expect(put.statusCode).toBe(201);
      await put.body.dump();
      const exported = Buffer.from(await (await request(`${fresh.adminUrl}/state`)).body.arrayBuffer());
      expect(exported.length).toBeGreaterThan(MAX_REQUEST_BYTES);
      await (await request(`${fresh.adminUrl}/reset`, { method: 'POST' })).body.dump();
      const imported = await request(`${fresh.adminUrl}/state`, { method: 'PUT', body: exported, headers: { 'content-type': 'application/json' } });
      expect(imported.statusCode, await imported.body.text()).toBe(204);
      const read = await request(`${fresh.url}/v1/sessions/${id}/files/big.bin`, { headers: auth });
      expect(Buffer.from(await read.body.arrayBuffer()).equals(file)).toBe(true);
      // The import's own limit, and every other admin route's, still hold.
      const tooBig = await rawExchange(fresh, `PUT /__admin/state HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${MAX_STATE_IMPORT_BYTES + 1}\r\n\r\n`);
      expect(tooBig).toMatchObject({ status: 413, json: { code: 'content-too-large' }, headers: { connection: 'close' } });
      const faults = await rawExchange(fresh, `PUT /__admin/faults HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${MAX_REQUEST_BYTES + 1}\r\n\r\n`);
      expect(faults).toMatchObject({ status: 413, json: { code: 'content-too-large' } });
    } finally {
      await fresh.close();
    }
  });

  it('reset() does what POST /__admin/reset does: fixtures back, request log emptied', async () => {
    const created = await send('POST', '/v1/sessions', { json: { title: 'gone after reset' } });
    expect(created.status).toBe(201);
    expect((await send('GET', '/__admin/requests?limit=1')).json.items).toMatchObject([{ method: 'POST', url: '/v1/sessions' }]);
    server.reset();
    expect((await send('GET', '/__admin/requests')).json.items).toEqual([]);
    expect((await send('GET', `/v1/sessions/${created.json.id}`)).status).toBe(404);
  });
});
