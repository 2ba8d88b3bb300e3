import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { empty, failure, json, problemFrom } from '../http/respond.js';
import type { CacheRecord } from '../state/cache-book.js';
import { compareCodePoints } from '../domain/index.js';
import type { Store } from '../state/store.js';
import { changeable, jsonBody, pathParam, readable } from './common.js';
import { keysetPage, listCursor } from './review-common.js';

/** The cursor key of a cache list: a cache key (contract CacheKey). */
const CACHE_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

function cacheView(record: CacheRecord) {
  const { key, value, ttlSeconds, expiresAtMs, createdAt, updatedAt } = record;
  return { key, value, ttlSeconds, expiresAt: expiresAtMs === null ? null : new Date(expiresAtMs).toISOString(), createdAt, updatedAt };
}

/** Cache writes change nothing the session shows, so a merged session takes them too, and there is no If-Match. */
const CACHE_WRITE = { ifMatch: false, allowRetired: true } as const;

/** Change rights on the session (404, then 403), freeing a deleted session's cache on the way. */
function writable(store: Store, input: HandlerInput) {
  const seen = readable(store, input);
  return seen.ok ? changeable(store, input, CACHE_WRITE) : seen;
}

function notFound(sessionId: string, key: string) {
  return problemFrom(failure('cache-entry-not-found', `Session ${sessionId} has no live cache entry ${key}.`));
}

/** Tool output kept beside a session, with optional TTLs (contract §13 "Cache entries"). */
export function cacheHandlers(store: Store): Record<string, OperationHandler> {
  return {
    listCacheEntries(input) {
      const after = listCursor(store, input, CACHE_KEY);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const prefix = (input.params.query.prefix as string | undefined) ?? '';
      const page = keysetPage(store, store.cache.list(found.value.id, store.clock.nowMs()), {
        limit: input.params.query.limit as number,
        after: after.value,
        keyOf: (e) => e.key,
        past: (e, key) => compareCodePoints(e.key, key) > 0,
        keep: (e) => e.key.startsWith(prefix),
      });
      return json(200, { items: page.items.map(cacheView), nextCursor: page.nextCursor });
    },

    getCacheEntry(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const key = pathParam(input, 'cacheKey');
      const record = store.cache.live(found.value.id, key, store.clock.nowMs());
      return record ? json(200, cacheView(record)) : notFound(found.value.id, key);
    },

    putCacheEntry(input) {
      const found = writable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const key = pathParam(input, 'cacheKey');
      const body = jsonBody<{ value: unknown; ttlSeconds: number }>(input);
      const nowMs = store.clock.nowMs();
      const now = store.clock.now();
      // An expired entry is gone, so writing its key creates it anew (201, a fresh createdAt).
      const previous = store.cache.live(session.id, key, nowMs);
      const ttlSeconds = body.ttlSeconds ?? null;
      const record: CacheRecord = {
        key,
        value: body.value ?? null,
        ttlSeconds,
        expiresAtMs: ttlSeconds === null ? null : nowMs + ttlSeconds * 1000,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      store.cache.put(session.id, record);
      store.events.append(session, 'cache.written', input.principal.principalId, { key, created: previous === undefined });
      if (previous) return json(200, cacheView(record));
      return json(201, cacheView(record), { location: `/v1/sessions/${session.id}/cache/${key}` });
    },

    deleteCacheEntry(input) {
      const found = writable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const key = pathParam(input, 'cacheKey');
      if (!store.cache.live(session.id, key, store.clock.nowMs())) return notFound(session.id, key);
      store.cache.delete(session.id, key);
      store.events.append(session, 'cache.deleted', input.principal.principalId, { key });
      return empty(204);
    },
  };
}
