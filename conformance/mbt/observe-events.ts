/**
 * Reading the servers' event logs and comparing them with the events the model expects (contract
 * README §13). After each step, every session whose expected log grew is read after the last
 * event already verified (one JSON page); the end-of-run sweep reads every live session's whole
 * log two at a time, which also catches an event written to a session no step changed, and reads
 * one log as a stream, from the start and resuming after `Last-Event-ID`.
 */
import type { Exchange } from '../http/exchange.js';
import { parseEventStream } from '../http/sse-parse.js';
import { canonicalJson } from '../model/environment-spec.js';
import type { ExpectedEvent } from '../model/events.js';
import type { SuiteModel, SuiteReal } from './suite-model.js';

/** The part of an event the model predicts, in the order compared. */
function predicted(event: unknown): Record<string, unknown> {
  const e = (event ?? {}) as Record<string, unknown>;
  return { type: e.type, sessionId: e.sessionId, revision: e.revision, actorId: e.actorId, data: e.data };
}

function expectedView(event: ExpectedEvent): Record<string, unknown> {
  return { type: event.type, sessionId: event.sessionId, revision: event.revision, actorId: event.actorId, data: event.data };
}

/** Checks that `ids` were never seen before in another place of the run's logs. */
function checkIdsFresh(model: SuiteModel, real: SuiteReal, sessionId: string, items: readonly unknown[], offset: number): void {
  for (const [i, item] of items.entries()) {
    const id = String((item as { id?: unknown }).id);
    const place = `${sessionId}#${offset + i}`;
    const seen = model.eventIds.get(id);
    real.ctx.selection.expect(seen === undefined || seen === place, 'events.order', `event id ${id} of ${place} was already used by ${seen ?? ''}`, 'an id never used before', id);
    model.eventIds.set(id, place);
  }
}

/** Compares a session's events from position `from` with the model's. */
function compareLog(real: SuiteReal, sessionId: string, got: readonly unknown[], want: readonly ExpectedEvent[], where: string): void {
  const actual = got.map(predicted);
  const expected = want.map(expectedView);
  real.ctx.selection.expect(canonicalJson(actual) === canonicalJson(expected), 'events.one-per-change', `${where}: the events of ${sessionId} differ from what the steps caused`, expected, actual);
}

/**
 * The positions of `got` in `want` when both hold the same events in some order (each used
 * once), else null.
 */
function permutation(got: readonly unknown[], want: readonly ExpectedEvent[]): number[] | null {
  if (got.length !== want.length) return null;
  const keys = want.map((e) => canonicalJson(expectedView(e)));
  const used = new Set<number>();
  const order: number[] = [];
  for (const item of got) {
    const key = canonicalJson(predicted(item));
    const at = keys.findIndex((k, i) => k === key && !used.has(i));
    if (at < 0) return null;
    used.add(at);
    order.push(at);
  }
  return order;
}

/**
 * After a step: each live session whose expected log grew, read after its last verified event.
 * `unordered` after a race: the requests ran in some order the model cannot always tell (two
 * changes that leave the same head), so the new events may come in any order, which the model
 * then takes as the log's.
 */
export async function observeEvents(model: SuiteModel, real: SuiteReal, unordered = false): Promise<void> {
  if (!real.ctx.surfaces.events) return;
  for (const id of model.sessions) {
    const state = model.store.sessions.get(id);
    const want = model.store.events.of(id);
    const verified = model.verified.events.get(id) ?? { count: 0, lastId: undefined };
    if (!state || want.length === verified.count) continue;
    // A deleted session's log is gone with it (404): its last event cannot be read as JSON.
    if (state.deleted) {
      model.verified.events.set(id, { count: want.length, lastId: verified.lastId });
      continue;
    }
    const exchange = await real.ctx.owner.api.listEvents(id, { after: verified.lastId, limit: 200 });
    const where = `GET events of ${id} after ${verified.lastId ?? 'the start'}`;
    real.ctx.selection.expect(exchange.response.status === 200, 'events.one-per-change', `${where}: expected 200, got ${exchange.response.status}`, 200, exchange.response.status);
    const items = ((exchange.response.json as { items?: unknown[] } | undefined)?.items ?? []);
    checkIdsFresh(model, real, id, items, verified.count);
    const order = unordered ? permutation(items, want.slice(verified.count)) : null;
    if (order) model.store.events.reorder(id, verified.count, order);
    else compareLog(real, id, items, want.slice(verified.count), where);
    const last = items.at(-1) as { id?: string } | undefined;
    model.verified.events.set(id, { count: want.length, lastId: last?.id ?? verified.lastId });
  }
}

/** Every page of a log after `after`, `limit` at a time, until an empty page. */
async function pagedLog(real: SuiteReal, sessionId: string, limit: number): Promise<{ items: unknown[]; pages: Exchange[] } | null> {
  const items: unknown[] = [];
  const pages: Exchange[] = [];
  let after: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const exchange = await real.ctx.owner.api.listEvents(sessionId, { after, limit });
    pages.push(exchange);
    if (exchange.response.status !== 200) return null;
    const body = exchange.response.json as { items?: unknown[]; nextCursor?: string | null };
    const got = body.items ?? [];
    if (got.length === 0) {
      real.ctx.selection.expect(body.nextCursor === null, 'events.order', `events of ${sessionId}: an empty page must have nextCursor null`, null, body.nextCursor);
      return { items, pages };
    }
    const lastId = (got.at(-1) as { id?: string }).id;
    real.ctx.selection.expect(body.nextCursor === lastId, 'events.order', `events of ${sessionId}: nextCursor must be the page's last event id`, lastId, body.nextCursor);
    items.push(...got);
    after = body.nextCursor ?? undefined;
  }
  return real.ctx.selection.violate('events.order', `events of ${sessionId}: paging did not end after 1000 pages`);
}

/** The sweep: every live session's whole log, paged two at a time; then one log as a stream. */
export async function sweepEvents(model: SuiteModel, real: SuiteReal): Promise<void> {
  if (!real.ctx.surfaces.events) return;
  const sel = real.ctx.selection;
  let streamed: { id: string; items: unknown[] } | null = null;
  for (const id of model.sessions) {
    const state = model.store.sessions.get(id);
    if (!state || state.deleted) continue;
    const log = await pagedLog(real, id, 2);
    sel.expect(log !== null, 'events.order', `events of ${id}: a page was not 200`);
    const items = log?.items ?? [];
    const ids = items.map((item) => String((item as { id?: unknown }).id));
    sel.expect(new Set(ids).size === ids.length, 'events.order', `events of ${id}: an event appears twice while paging`, 'each once', ids);
    const want = model.store.events.of(id);
    // Same events, other order or repeats: a paging fault rather than a wrong event.
    const sameSet = canonicalJson(items.map(predicted).map(canonicalJson).sort()) === canonicalJson(want.map(expectedView).map(canonicalJson).sort());
    if (!sameSet) compareLog(real, id, items, want, `sweep of ${id}`);
    sel.expect(canonicalJson(items.map(predicted)) === canonicalJson(want.map(expectedView)), 'events.order', `events of ${id} are not in the order they happened`, want.map((e) => e.type), items.map((e) => (e as { type?: unknown }).type));
    checkIdsFresh(model, real, id, items, 0);
    if (streamed === null || items.length > streamed.items.length) streamed = { id, items };
  }
  if (streamed && streamed.items.length > 0 && real.ctx.readStreams !== false) await checkStream(real, streamed.id, streamed.items);
}

/** How long a stream may take to send a backlog the JSON pages already returned. */
const STREAM_TIMEOUT_MS = 5_000;

/** The stream of a log, from the start and resumed half-way, against its JSON events. */
async function checkStream(real: SuiteReal, sessionId: string, items: readonly unknown[]): Promise<void> {
  const half = Math.floor(items.length / 2);
  const cases = [{ after: undefined, want: items }, ...(half > 0 ? [{ after: String((items[half - 1] as { id: unknown }).id), want: items.slice(half) }] : [])];
  for (const { after, want } of cases) {
    const exchange = await real.ctx.owner.api.streamEvents(sessionId, { lastEventId: after, until: (text) => parseEventStream(text).messages.length >= want.length, timeoutMs: STREAM_TIMEOUT_MS });
    const where = `stream of ${sessionId}${after ? ` after Last-Event-ID ${after}` : ''}`;
    const { status, contentType } = exchange.response;
    real.ctx.selection.expect(status === 200 && contentType === 'text/event-stream', 'events.stream', `${where}: expected 200 text/event-stream, got ${status} ${String(contentType)}`, '200 text/event-stream', `${status} ${String(contentType)}`);
    const messages = parseEventStream(Buffer.from(exchange.response.bytes).toString('utf8')).messages.slice(0, want.length);
    const asEvents = messages.map((m) => ({ id: m.id, event: m.event, data: parseData(m.data) }));
    const expected = want.map((e) => ({ id: (e as { id: unknown }).id, event: (e as { type: unknown }).type, data: e }));
    real.ctx.selection.expect(canonicalJson(asEvents) === canonicalJson(expected), 'events.stream', `${where}: the stream's messages differ from the JSON events (${messages.length} of ${want.length} arrived)`, expected, asEvents);
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
