/**
 * The end of a run for cache entries with a short TTL: wait until each has surely expired on the
 * suite's clock (a second or so; runs in flight go on meanwhile), then it must be gone: `404` by
 * key and left out of the list. Entries with long TTLs are not waited for.
 */
import type { SuiteModel, SuiteReal } from './suite-model.js';

/** Entries with a TTL longer than this are not waited for (ms). */
const MAX_WAIT_MS = 2_500;
/** Past the latest possible expiry, by more than the liveness slack (ms). */
const MARGIN_MS = 80;

/** Waits for the run's short-TTL entries to expire, then checks they are gone. */
export async function sweepCache(model: SuiteModel, real: SuiteReal): Promise<void> {
  if (!real.ctx.surfaces.cache) return;
  // Every short-TTL entry, whether or not it has expired by now: the same requests in every
  // replay of the run, so a run's request count does not depend on timing.
  const due = [...model.store.cache.values()].filter((r) => {
    const session = model.store.sessions.get(r.sessionId);
    return session !== undefined && !session.deleted && !r.deleted && r.ttlSeconds !== null && r.ttlSeconds * 1000 <= MAX_WAIT_MS;
  });
  if (due.length === 0) return;
  const until = Math.max(...due.map((r) => r.writtenTo + (r.ttlSeconds ?? 0) * 1000)) + MARGIN_MS;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
  const sel = real.ctx.selection;
  for (const record of due) {
    const got = await real.ctx.owner.api.getCacheEntry(record.sessionId, record.key);
    sel.expect(got.response.status === 404, 'cache.ttl', `cache entry ${record.key} of ${record.sessionId} (ttl ${record.ttlSeconds}s) still answers ${got.response.status} after it expired`, 404, got.response.status);
    const listed = await real.ctx.owner.api.listCacheEntries(record.sessionId, { prefix: record.key, limit: 200 });
    const keys = (((listed.response.json as { items?: unknown[] } | undefined)?.items ?? []) as Array<{ key?: string }>).map((i) => i.key);
    sel.expect(!keys.includes(record.key), 'cache.ttl', `cache entry ${record.key} of ${record.sessionId} is still listed after it expired`, [], keys);
  }
}
