// Contract §13, "Reading as JSON" and "Streaming", at the core (no socket): paging, Accept, where a stream starts.
import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../http/messages.js';
import { checkedCore, contractViolations, type CheckedCore } from '../../test-support/checked-core.js';
import { allEvents, type ApiEvent } from '../../test-support/event-steps.js';
import { checkpoint, createSession, expectStatus, putFile } from '../../test-support/session-steps.js';

const TEAM = { access: [{ principalId: 'usr_viewer', role: 'viewer' }] };

/** A session with `writes` file writes after its creation: 1 + writes events. */
function sessionWithEvents(api: CheckedCore, writes: number) {
  const s = createSession(api, {}, TEAM);
  for (let i = 0; i < writes; i += 1) putFile(api, s.id, `f${i}`, String(i));
  return s;
}

/** Asks for a stream through the core, checks the answer against the contract, and opens it. */
function openStream(api: CheckedCore, url: string, headers: Record<string, string> = {}) {
  const request: MockRequest = { method: 'GET', url, headers: { authorization: 'Bearer t-owner', accept: 'text/event-stream', ...headers } };
  const response = api.core.handle(request);
  expect(contractViolations(request, response)).toEqual([]);
  const chunks: string[] = [];
  let ended = false;
  const close = response.stream?.open({ write: (c) => chunks.push(c), end: () => (ended = true) });
  return { response, chunks, ids: () => chunks.map((c) => /^id: (\S+)/.exec(c)?.[1]), ended: () => ended, close };
}

describe('events as JSON', () => {
  it('pages oldest first with after and limit; nextCursor is the page\'s last id, null once caught up', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 4);
    const first = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/events?limit=2`).json;
    expect(first.items.map((e: ApiEvent) => e.type)).toEqual(['session.created', 'file.written']);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/events?limit=2&after=${first.nextCursor}`).json;
    expect(second.items.map((e: ApiEvent) => e.data.path)).toEqual(['f1', 'f2']);
    const last = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/events?after=${second.nextCursor}`).json;
    expect(last.items.map((e: ApiEvent) => e.data.path)).toEqual(['f3']);
    expect(last.nextCursor).toBe(last.items[0].id);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/events?after=${last.nextCursor}`).json).toEqual({ items: [], nextCursor: null });
    expect(allEvents(api, s.id)).toHaveLength(5);
    // The default page is 50.
    const big = sessionWithEvents(api, 60);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${big.id}/events`).json.items).toHaveLength(50);
  });

  it('refuses an after that is not an event of this session (400 invalid-cursor), and a bad limit', () => {
    const api = checkedCore();
    const a = sessionWithEvents(api, 1);
    const b = sessionWithEvents(api, 1);
    const ofB = allEvents(api, b.id)[0]?.id ?? '';
    for (const after of [ofB, 'evt_zzzzzzzz', 'nope']) {
      const response = expectStatus(api, 400, 'GET', `/v1/sessions/${a.id}/events?after=${after}`);
      expect(response.json).toMatchObject({ code: 'invalid-cursor', errors: [{ pointer: '#/query/after' }] });
    }
    expect(expectStatus(api, 400, 'GET', `/v1/sessions/${a.id}/events?after=a%20b`).json).toMatchObject({ code: 'validation-failed', errors: [{ pointer: '#/query/after' }] });
    for (const limit of [0, 201]) expect(expectStatus(api, 400, 'GET', `/v1/sessions/${a.id}/events?limit=${limit}`).json.errors[0].pointer).toBe('#/query/limit');
    expectStatus(api, 200, 'GET', `/v1/sessions/${a.id}/events?limit=200`);
  });

  it('is read access: viewers read it, strangers and other tenants get 404 before their after is judged', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 1);
    expect(allEvents(api, s.id, 't-viewer')).toHaveLength(2);
    for (const token of ['t-nobody', 't-other']) expect(expectStatus(api, 404, 'GET', `/v1/sessions/${s.id}/events?after=evt_zzzzzzzz`, { token }).json.code).toBe('session-not-found');
    expect(expectStatus(api, 401, 'GET', `/v1/sessions/${s.id}/events`, { token: null }).json.code).toBe('unauthenticated');
  });
});

describe('Accept negotiation', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['text/event-stream', 'text/event-stream'],
    ['text/event-stream, application/json', 'application/json'],
    ['application/json;q=0.4, text/event-stream;q=0.8', 'text/event-stream'],
    ['text/event-stream;q=0.5, */*;q=0.9', 'application/json'],
  ])('Accept %j → %s', (accept, type) => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 0);
    const headers: Record<string, string> = accept === undefined ? {} : { accept };
    const request: MockRequest = { method: 'GET', url: `/v1/sessions/${s.id}/events`, headers: { authorization: 'Bearer t-owner', ...headers } };
    const response = api.core.handle(request);
    expect(contractViolations(request, response)).toEqual([]);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it('answers 406 not-acceptable when neither is allowed, before looking up the session', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 0);
    for (const accept of ['application/xml', 'text/html, image/*', 'application/json;q=0, text/event-stream;q=0']) {
      expect(expectStatus(api, 406, 'GET', `/v1/sessions/${s.id}/events`, { headers: { accept } }).json.code).toBe('not-acceptable');
    }
    expect(expectStatus(api, 406, 'GET', '/v1/sessions/ses_none/events', { headers: { accept: 'text/html' } }).json.code).toBe('not-acceptable');
  });
});

describe('events as a stream (the core side of the seam)', () => {
  it('answers text/event-stream, no-store, and starts with the whole log, then live events', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 2);
    const stream = openStream(api, `/v1/sessions/${s.id}/events`);
    expect(stream.response).toMatchObject({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
    expect(stream.response.body).toBeUndefined();
    const log = allEvents(api, s.id);
    expect(stream.chunks).toEqual(log.map((e) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
    putFile(api, s.id, 'live', 'x');
    expect(stream.chunks).toHaveLength(4);
    expect(JSON.parse(stream.chunks[3]?.split('data: ')[1] ?? '')).toMatchObject({ type: 'file.written', data: { path: 'live' } });
    expect(api.core.eventSubscribers()).toBe(1);
    stream.close?.();
    expect(api.core.eventSubscribers()).toBe(0);
    expect(stream.ended()).toBe(false);
  });

  it('starts after Last-Event-ID, which wins over after; either must be an event of this session', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 3);
    const ids = allEvents(api, s.id).map((e) => e.id);
    expect(openStream(api, `/v1/sessions/${s.id}/events?after=${ids[1]}`).ids()).toEqual(ids.slice(2));
    expect(openStream(api, `/v1/sessions/${s.id}/events?after=${ids[0]}`, { 'last-event-id': ids[2] ?? '' }).ids()).toEqual(ids.slice(3));
    const other = sessionWithEvents(api, 0);
    const otherId = allEvents(api, other.id)[0]?.id ?? '';
    const bad = openStream(api, `/v1/sessions/${s.id}/events`, { 'last-event-id': otherId });
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(String(bad.response.body))).toMatchObject({ code: 'invalid-cursor', errors: [{ pointer: '#/header/last-event-id' }] });
    expect(openStream(api, `/v1/sessions/${s.id}/events?after=${otherId}`).response.status).toBe(400);
  });

  it('ends after session.deleted, and when a reset or an import replaces the state', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 0);
    const kept = createSession(api);
    const deleted = openStream(api, `/v1/sessions/${s.id}/events`);
    const untilReset = openStream(api, `/v1/sessions/${kept.id}/events`);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${s.id}`);
    expect(deleted.chunks.at(-1)).toMatch(/^id: evt_\w+\nevent: session.deleted\n/);
    expect(deleted.ended()).toBe(true);
    expect(untilReset.ended()).toBe(false);
    api.core.reset();
    expect(untilReset.ended()).toBe(true);
    expect(api.core.eventSubscribers()).toBe(0);

    const again = createSession(api);
    const untilImport = openStream(api, `/v1/sessions/${again.id}/events`);
    expect(api.core.importState(api.core.exportState())).toEqual({ ok: true });
    expect(untilImport.ended()).toBe(true);
  });

  it('viewers may follow the stream', () => {
    const api = checkedCore();
    const s = sessionWithEvents(api, 0);
    const request: MockRequest = { method: 'GET', url: `/v1/sessions/${s.id}/events`, headers: { authorization: 'Bearer t-viewer', accept: 'text/event-stream' } };
    const response = api.core.handle(request);
    const chunks: string[] = [];
    response.stream?.open({ write: (c) => chunks.push(c), end: () => undefined });
    checkpoint(api, s.id, 'seen');
    expect(chunks.map((c) => /event: (\S+)/.exec(c)?.[1])).toEqual(['session.created', 'checkpoint.created']);
  });
});

describe('events across export and import', () => {
  it('an exported scenario replays to the same events: ids, order, data and (with a pinned clock) times', () => {
    const api = checkedCore({ now: () => 1_700_000_000_000 });
    const parent = createSession(api, { 'a.txt': 'a' }, TEAM);
    const child = expectStatus(api, 201, 'POST', `/v1/sessions/${parent.id}/fork`, { json: {}, token: 't-viewer' }).json;
    putFile(api, parent.id, 'b.txt', 'b');
    checkpoint(api, parent.id, 'cp');
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${parent.id}/tags`, { json: { add: ['x'] } });
    expectStatus(api, 400, 'PATCH', `/v1/sessions/${parent.id}/tags`, { json: { add: ['y'], remove: ['y'] } });
    const gone = createSession(api);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${gone.id}`);
    const before = [allEvents(api, parent.id), allEvents(api, child.id, 't-viewer')];
    const other = checkedCore({ now: () => 1_700_000_000_000 });
    expect(other.core.importState(api.core.exportState())).toEqual({ ok: true });
    expect([allEvents(other, parent.id), allEvents(other, child.id, 't-viewer')]).toEqual(before);
    // The next event continues the same sequence in both.
    putFile(api, parent.id, 'c.txt', 'c');
    putFile(other, parent.id, 'c.txt', 'c');
    expect(allEvents(other, parent.id).at(-1)).toEqual(allEvents(api, parent.id).at(-1));
  });
});
