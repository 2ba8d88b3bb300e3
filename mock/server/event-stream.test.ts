// Contract §13 "Streaming" over real sockets: backlog, live events, resume, keep-alive, every way a stream ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations } from '../test-support/checked-core.js';
import { eventually, openSse, type SseClient } from '../test-support/sse-client.js';
import { createMockApp } from '../app/create-mock-app.js';
import { createMockCore } from '../core/mock-core.js';
import { loadContract } from '../../contract/index.js';
import { createMockServer, type MockServer } from './create-mock-server.js';
import { createHttpServer } from './http-server.js';
import { requestListener } from './node-adapter.js';
import { OpenStreams } from './stream-writer.js';
import type { AddressInfo } from 'node:net';

const AUTH = { authorization: 'Bearer dev-token' };
const STREAM = { ...AUTH, accept: 'text/event-stream' };
let server: MockServer;

async function call(method: string, path: string, body?: unknown, target = server): Promise<{ status: number; json: any }> {
  const response = await fetch(`${target.url}${path}`, { method, headers: { ...AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function newSession(target = server): Promise<string> {
  return (await call('POST', '/v1/sessions', { title: 't', files: [{ path: 'a.txt', content: 'a' }] }, target)).json.id as string;
}

async function putFile(id: string, path: string, text: string, target = server): Promise<void> {
  const response = await fetch(`${target.url}/v1/sessions/${id}/files/${encodeURIComponent(path)}`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'text/plain' }, body: text });
  await response.arrayBuffer();
}

const eventOf = (type: string) => (block: string): boolean => block.includes(`\nevent: ${type}\n`);

beforeAll(async () => {
  server = await createMockServer({ fixtures: null, sseHeartbeatMs: 60 });
});
afterAll(async () => {
  await server.close();
});

describe('GET /events as text/event-stream over node:http', () => {
  it('sends the head at once (no length, no-store), the whole log, then live events', async () => {
    const id = await newSession();
    const sse = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    expect(sse.status).toBe(200);
    expect(sse.headers).toMatchObject({ 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'transfer-encoding': 'chunked' });
    expect(sse.headers['content-length']).toBeUndefined();
    const flat = Object.fromEntries(Object.entries(sse.headers).map(([k, v]) => [k, String(v)]));
    expect(contractViolations({ method: 'GET', url: `/v1/sessions/${id}/events`, headers: STREAM }, { status: sse.status, headers: flat })).toEqual([]);
    const created = await sse.waitFor(eventOf('session.created'));
    expect(JSON.parse(created.split('\ndata: ')[1] ?? '')).toMatchObject({ type: 'session.created', sessionId: id, data: { files: 1 } });
    await putFile(id, 'b.txt', 'live');
    const written = await sse.waitFor(eventOf('file.written'));
    expect(written).toMatch(/^id: evt_\w+\nevent: file.written\ndata: \{.*"path":"b.txt".*\}$/);
    sse.destroy();
  });

  it('resumes after Last-Event-ID (over after), sending nothing twice', async () => {
    const id = await newSession();
    for (const path of ['1', '2', '3']) await putFile(id, path, path);
    const log = (await call('GET', `/v1/sessions/${id}/events`)).json.items.map((e: { id: string }) => e.id) as string[];
    const sse = await openSse(`${server.url}/v1/sessions/${id}/events?after=${log[0]}`, { ...STREAM, 'last-event-id': log[2] ?? '' });
    await sse.waitFor(eventOf('file.written'));
    await putFile(id, '4', '4');
    await eventually(() => sse.ids().length === 2);
    const [resumed, live] = sse.ids();
    expect(resumed).toBe(log[3]);
    expect(log).not.toContain(live);
    sse.destroy();
  });

  it('sends a keep-alive comment when quiet', async () => {
    const id = await newSession();
    const sse = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    await sse.waitFor((b) => b === ': keep-alive');
    sse.destroy();
  });

  it('ends after session.deleted; reconnecting is 404', async () => {
    const id = await newSession();
    const sse = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    await sse.waitFor(eventOf('session.created'));
    expect((await call('DELETE', `/v1/sessions/${id}`)).status).toBe(204);
    await sse.ended;
    expect(sse.blocks.filter((b) => !b.startsWith(':')).at(-1)).toMatch(/\nevent: session.deleted\n/);
    const again = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toBe('application/problem+json');
  });

  it('a client that drops the connection releases its subscription', async () => {
    const id = await newSession();
    const before = server.core.eventSubscribers();
    const streams = await Promise.all([1, 2, 3].map(() => openSse(`${server.url}/v1/sessions/${id}/events`, STREAM)));
    await eventually(() => server.core.eventSubscribers() === before + 3);
    for (const sse of streams) sse.destroy();
    await eventually(() => server.core.eventSubscribers() === before);
    // Writing to the session afterwards finds no stale listener.
    await putFile(id, 'after', 'drop');
    expect(server.core.eventSubscribers()).toBe(before);
  });

  it('POST /__admin/reset and PUT /__admin/state end the streams of the old state', async () => {
    const first = await openSse(`${server.url}/v1/sessions/${await newSession()}/events`, STREAM);
    await first.waitFor(eventOf('session.created'));
    expect((await fetch(`${server.adminUrl}/reset`, { method: 'POST' })).status).toBe(204);
    await first.ended;
    const second = await openSse(`${server.url}/v1/sessions/${await newSession()}/events`, STREAM);
    await second.waitFor(eventOf('session.created'));
    const state = await (await fetch(`${server.adminUrl}/state`)).text();
    expect((await fetch(`${server.adminUrl}/state`, { method: 'PUT', body: state })).status).toBe(204);
    await second.ended;
    expect(server.core.eventSubscribers()).toBe(0);
  });

  it('passes through the app layer: CORS headers on the stream, injected errors before it, one log line', async () => {
    const id = await newSession();
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${server.url}/v1/sessions/${id}/events`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, last-event-id' } });
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain('authorization');
    expect(allowed).toContain('last-event-id');
    await fetch(`${server.adminUrl}/requests`, { method: 'DELETE' });
    const sse = await openSse(`${server.url}/v1/sessions/${id}/events`, { ...STREAM, origin });
    expect(sse.headers['access-control-allow-origin']).toBe(origin);
    await sse.waitFor(eventOf('session.created'));
    const log = (await (await fetch(`${server.adminUrl}/requests`)).json()) as { items: { url: string; status: number }[] };
    expect(log.items.filter((e) => e.url.endsWith('/events'))).toEqual([expect.objectContaining({ status: 200 })]);
    sse.destroy();

    await fetch(`${server.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ latency: null, errors: [{ operationId: 'listEvents', status: 503, rate: 1 }] }) });
    const refused = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    expect(refused.status).toBe(503);
    await fetch(`${server.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ latency: { minMs: 150, maxMs: 150 }, errors: [] }) });
    const started = Date.now();
    const late = await openSse(`${server.url}/v1/sessions/${id}/events`, STREAM);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(late.status).toBe(200);
    late.destroy();
    await fetch(`${server.adminUrl}/faults`, { method: 'DELETE' });
  });
});

describe('stopping with streams open', () => {
  it('server close ends open streams promptly and cleanly', async () => {
    const own = await createMockServer({ fixtures: null });
    const streams: SseClient[] = [];
    for (let i = 0; i < 5; i += 1) streams.push(await openSse(`${own.url}/v1/sessions/${await newSession(own)}/events`, STREAM));
    const started = Date.now();
    await own.close();
    await Promise.all(streams.map((s) => s.ended));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(own.core.eventSubscribers()).toBe(0);
  });

  it('a stream outlives the request timeout (which only covers receiving the request)', async () => {
    const contract = loadContract();
    const core = createMockCore({ contract, scenario: null });
    const app = createMockApp({ core, contract });
    const open = new OpenStreams();
    const http = createHttpServer(requestListener((r) => app.handle(r), { streams: { heartbeatMs: 50, open } }), {}, { headersMs: 200, requestMs: 300, checkEveryMs: 50 });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const target = { url } as MockServer;
    const id = await newSession(target);
    const sse = await openSse(`${url}/v1/sessions/${id}/events`, STREAM);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await putFile(id, 'late', 'x', target);
    await sse.waitFor(eventOf('file.written'));
    expect(open.size).toBe(1);
    open.endAll();
    await sse.ended;
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
});
