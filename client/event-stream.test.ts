// The authenticated event-stream reader against a real mock (contract §13 "Streaming"): backlog,
// a live event, a dropped connection resumed with Last-Event-ID, session.deleted ends it, abort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { createSessionClient, followEvents, isSessionApiError, type SessionClient, type SessionEvent } from './index.js';
import { checkedFetch, type CheckedFetch } from './test-support/checked-fetch.js';
import { startDropProxy, type DropProxy } from './test-support/drop-proxy.js';

let server: MockServer;
let proxy: DropProxy;
beforeAll(async () => {
  server = await createMockServer({ port: 0, sseHeartbeatMs: 50 });
  proxy = await startDropProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function clientVia(baseUrl: string): { client: SessionClient; checked: CheckedFetch } {
  const checked = checkedFetch();
  return { client: createSessionClient({ baseUrl, token: 'demo-bea', fetch: checked.fetch }), checked };
}

/** Pulls the next event, failing the test rather than hanging if none comes. */
async function next(events: AsyncGenerator<SessionEvent>): Promise<SessionEvent> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no event within 5 s')), 5000); });
  try {
    const result = await Promise.race([events.next(), timeout]);
    if (result.done) throw new Error('the stream ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('followEvents over a real mock', () => {
  it('yields the backlog and live events, resumes after a drop with Last-Event-ID, ends after session.deleted', async () => {
    const { client, checked } = clientVia(proxy.url);
    const { data: session } = await client.call('createSession', { body: { title: 'Events', files: [{ path: 'a.txt', content: 'a' }] } });
    const sessionId = session.id;
    const events = client.events(sessionId, { backoff: () => 10 });

    const created = await next(events);
    expect(created).toMatchObject({ type: 'session.created', sessionId, data: { files: 1 } });
    await client.call('putFile', { params: { path: { sessionId, filePath: 'src/live.ts' } }, body: 'live' });
    expect(await next(events)).toMatchObject({ type: 'file.written', data: { path: 'src/live.ts', created: true } });

    // The connection drops under the open stream; a change made meanwhile must still arrive, once.
    const before = proxy.connections();
    proxy.dropAll();
    await createSessionClient({ baseUrl: server.url, token: 'demo-bea' }).call('putFile', { params: { path: { sessionId, filePath: 'during-drop.txt' } }, body: 'x' });
    const resumed = await next(events);
    expect(resumed).toMatchObject({ type: 'file.written', data: { path: 'during-drop.txt' } });
    expect(proxy.connections()).toBeGreaterThan(before);
    const streams = checked.sent.filter((r) => r.headers.get('accept') === 'text/event-stream');
    expect(streams.length).toBeGreaterThanOrEqual(2);
    expect(streams[0]?.headers.get('last-event-id')).toBeNull();
    expect(streams.at(-1)?.headers.get('last-event-id')).toMatch(/^evt_/);
    for (const stream of streams) expect(stream.headers.get('authorization')).toBe('Bearer demo-bea');

    await client.call('deleteSession', { params: { path: { sessionId } } });
    expect(await next(events)).toMatchObject({ type: 'session.deleted', sessionId });
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(checked.violations).toEqual([]);
  });

  it('stops cleanly on abort, and a deleted session rejects with 404 session-not-found', async () => {
    const { client } = clientVia(server.url);
    const { data: session } = await client.call('createSession', { body: { title: 'Abort' } });
    const controller = new AbortController();
    const events = client.events(session.id, { signal: controller.signal });
    expect(await next(events)).toMatchObject({ type: 'session.created' });
    const pending = events.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });

    await client.call('deleteSession', { params: { path: { sessionId: session.id } } });
    const gone = client.events(session.id);
    await expect(gone.next()).rejects.toSatisfy((error) => isSessionApiError(error, 'session-not-found') && error.status === 404);
  });
  it('a consumer that breaks out of for await releases the stream: the server sees it close', async () => {
    const { client } = clientVia(server.url);
    const { data: session } = await client.call('createSession', { body: { title: 'Break' } });
    const before = server.core.eventSubscribers();
    const seen: string[] = [];
    for await (const event of client.events(session.id)) {
      seen.push(event.type);
      // The subscription is open while the consumer is inside the loop...
      expect(server.core.eventSubscribers()).toBe(before + 1);
      break;
    }
    expect(seen).toEqual(['session.created']);
    // ...and gone once it breaks (return() cancels the body, which closes the connection).
    await expect.poll(() => server.core.eventSubscribers(), { timeout: 5000 }).toBe(before);
  });
});

describe('followEvents reconnecting (scripted fetch)', () => {
  const sse = (...ids: string[]): Response => new Response(
    ids.map((id) => `id: ${id}\nevent: file.written\ndata: ${JSON.stringify({ id, type: 'file.written', sessionId: 'ses_1' })}\n\n`).join(''),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );
  const problem = (status: number, code: string): Response => new Response(JSON.stringify({ type: `urn:session-api:problem:${code}`, title: code, status, code }), { status, headers: { 'content-type': 'application/problem+json' } });

  it('after a clean end and a 5xx it reconnects with Last-Event-ID, backing off; a run of failures gives up', async () => {
    const answers: (Response | Error)[] = [sse('evt_1'), problem(503, 'internal-error'), new TypeError('fetch failed'), sse('evt_2'), new TypeError('down'), new TypeError('down'), new TypeError('down')];
    const lastIds: (string | null)[] = [];
    const waits: number[] = [];
    const fetch = (request: Request): Promise<Response> => {
      lastIds.push(request.headers.get('last-event-id'));
      const next = answers.shift() ?? new TypeError('script exhausted');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    };
    const events = followEventsVia(fetch, { attempts: 3, backoff: (n) => n, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } });
    const seen: string[] = [];
    await expect((async () => { for await (const event of events) seen.push(event.id); })()).rejects.toThrow('down');
    expect(seen).toEqual(['evt_1', 'evt_2']);
    expect(lastIds).toEqual([null, 'evt_1', 'evt_1', 'evt_1', 'evt_2', 'evt_2', 'evt_2']);
    expect(waits).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

function followEventsVia(fetch: (request: Request) => Promise<Response>, options: Parameters<typeof followEvents>[2]): AsyncGenerator<SessionEvent> {
  return followEvents({ baseUrl: 'http://api.test', token: 't', fetch }, 'ses_1', options);
}
