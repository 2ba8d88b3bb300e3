/**
 * Cache entries (contract README §13): JSON values beside a session, written with change rights,
 * gone once their TTL ran out. The suite cannot read the server's clock, so whether an entry with a
 * TTL is still live is judged by the caller ({@link cacheLiveness}); when that is open, the caller
 * takes the answer the server gave (`live` true or false) and the model follows it.
 */
import type { Principal } from './access.js';
import type { ModelStore } from './model-store.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { cacheLiveness, type CacheRecord } from './review-records.js';

/** The part of a cache entry the model predicts (timestamps are the server's). */
export interface CacheView {
  key: string;
  value: unknown;
  ttlSeconds: number | null;
}

/** The map key of a session's entry. */
export function cacheSlot(sessionId: string, key: string): string {
  return `${sessionId} ${key}`;
}

/** The wire view of an entry, without timestamps. */
export function cacheView(record: CacheRecord): CacheView {
  return { key: record.key, value: structuredClone(record.value), ttlSeconds: record.ttlSeconds };
}

/** The window of the suite's clock in which the server handled a request. */
export interface Moment {
  readonly from: number;
  readonly to: number;
}

/** `PUT /cache/{key}`: 201 when no live entry was there, else 200. `live` is whether one was. */
export function putCacheEntry(store: ModelStore, actor: Principal | null, sessionId: string, key: string, input: { value: unknown; ttlSeconds?: number }, at: Moment, live: boolean): Outcome<CacheView> {
  const located = store.guard(actor, sessionId, { need: 'change' });
  if (!located.ok) return located;
  const record: CacheRecord = { sessionId, key, value: structuredClone(input.value), ttlSeconds: input.ttlSeconds ?? null, writtenFrom: at.from, writtenTo: at.to, deleted: false };
  store.cache.set(cacheSlot(sessionId, key), record);
  store.emit(located.session, 'cache.written', actor as Principal, { key, created: !live });
  return succeed(cacheView(record), live ? 200 : 201);
}

/** `GET /cache/{key}`. */
export function getCacheEntry(store: ModelStore, actor: Principal | null, sessionId: string, key: string, live: boolean): Outcome<CacheView> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const record = store.cache.get(cacheSlot(sessionId, key));
  if (!live || !record) return goneAfterAll(store, sessionId, key);
  return succeed(cacheView(record));
}

/** `DELETE /cache/{key}`. */
export function deleteCacheEntry(store: ModelStore, actor: Principal | null, sessionId: string, key: string, live: boolean): Outcome<null> {
  const located = store.guard(actor, sessionId, { need: 'change' });
  if (!located.ok) return located;
  const record = store.cache.get(cacheSlot(sessionId, key));
  if (!live || !record) return goneAfterAll(store, sessionId, key);
  store.cache.set(cacheSlot(sessionId, key), { ...record, deleted: true });
  store.emit(located.session, 'cache.deleted', actor as Principal, { key });
  return succeed(null, 204);
}

/** Not found; an entry that was only possibly expired is now known to be gone. */
function goneAfterAll(store: ModelStore, sessionId: string, key: string): Outcome<never> {
  const record = store.cache.get(cacheSlot(sessionId, key));
  if (record && !record.deleted) store.cache.set(cacheSlot(sessionId, key), { ...record, deleted: true });
  return fail('cache-entry-not-found');
}

/** A session's entries that are surely live, and those that may or may not be, during `at`; by key. */
export function cacheEntriesAt(store: ModelStore, sessionId: string, prefix: string, at: Moment): { live: CacheRecord[]; either: CacheRecord[] } {
  const live: CacheRecord[] = [];
  const either: CacheRecord[] = [];
  for (const record of store.cache.values()) {
    if (record.sessionId !== sessionId || !record.key.startsWith(prefix)) continue;
    const state = cacheLiveness(record, at.from, at.to);
    if (state === 'live') live.push(record);
    else if (state === 'either') either.push(record);
  }
  const byKey = (a: CacheRecord, b: CacheRecord): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { live: live.sort(byKey), either: either.sort(byKey) };
}

/** The liveness of one entry during `at`. */
export function cacheEntryLiveness(store: ModelStore, sessionId: string, key: string, at: Moment): ReturnType<typeof cacheLiveness> {
  return cacheLiveness(store.cache.get(cacheSlot(sessionId, key)), at.from, at.to);
}


