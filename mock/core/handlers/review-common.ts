import type { HandlerInput } from '../http/pipeline.js';
import type { Result } from '../http/respond.js';
import type { Store } from '../state/store.js';
import { cursorKey, INVALID_CURSOR } from './common.js';

/** Frees what a session keeps beside its content (§13: it goes with the session); a delete calls it. */
export function forgetBeside(store: Store, sessionId: string): void {
  store.annotations.forget(sessionId);
  store.approvals.forget(sessionId);
  store.cache.forget(sessionId);
}

/**
 * The key of a `cursor` query parameter of a keyset list, checked against the shape of that
 * list's keys so that another list's cursor is `400 invalid-cursor`; `undefined` without a cursor.
 */
export function listCursor(store: Store, input: HandlerInput, shape: RegExp): Result<string | undefined> {
  const after = cursorKey(store, input);
  if (!after.ok || after.value === undefined || shape.test(after.value)) return after;
  return INVALID_CURSOR;
}

/** One page of a list. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * A keyset page over `items` (already in list order): the first `limit` items that `keep` accepts
 * among those past the cursor's key. `past(item)` says whether an item comes after the cursor; it
 * is false for a prefix of the list and true after it, so a deleted cursor item still resumes at
 * the right place (no repeats, no skips). `nextCursor` is `null` when no kept item follows.
 */
export function keysetPage<T>(store: Store, items: readonly T[], options: { limit: number; after: string | undefined; keyOf: (item: T) => string; past: (item: T, after: string) => boolean; keep?: (item: T) => boolean }): Page<T> {
  const { limit, after, keyOf, past, keep = () => true } = options;
  let lo = 0;
  if (after !== undefined) {
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(items[mid] as T, after)) hi = mid;
      else lo = mid + 1;
    }
  }
  const page: T[] = [];
  for (let i = lo; i < items.length; i += 1) {
    const item = items[i] as T;
    if (!keep(item)) continue;
    if (page.length === limit) return { items: page, nextCursor: store.cursors.encode([keyOf(page[page.length - 1] as T)]) };
    page.push(item);
  }
  return { items: page, nextCursor: null };
}

