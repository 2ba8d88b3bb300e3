// The authenticated event-stream reader against a real mock (contract §13 "Streaming"): backlog,
// a live event, a dropped connection resumed with Last-Event-ID, session.deleted ends it, abort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { createSessionClient, isSessionApiError, type SessionClient, type SessionEvent } from './index.js';
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
});
