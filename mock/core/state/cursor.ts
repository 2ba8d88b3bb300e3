import { createHash } from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../http/base64.js';

/** The longest cursor a client may send back (contract/README.md §7 Limits: 1–512 characters). */
export const MAX_CURSOR_LENGTH = 512;

/**
 * Keys too long to travel inside a cursor, by the digest their cursor carries instead. A file
 * path may hold 1024 bytes, so a keyset cursor after it would break the 512-character limit.
 * Entries are never removed: a client may page on at any time, and only keys over ~380 bytes
 * land here.
 */
const longKeys = new Map<string, (string | number)[]>();

/** Marks a digest cursor; a plain cursor (base64url of a JSON array) always starts with `W`. */
const DIGEST_MARK = 'h';

/**
 * Opaque page cursors: base64url JSON of the last key returned. Keyset paging (resume after a
 * key, not at an offset) is what keeps a listing free of repeats and skips while others create
 * and delete. A key whose cursor would pass {@link MAX_CURSOR_LENGTH} is kept here and the
 * cursor names it by its sha256.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  const json = JSON.stringify(key);
  const plain = toBase64Url(json);
  if (plain.length <= MAX_CURSOR_LENGTH) return plain;
  const digest = createHash('sha256').update(json).digest('base64url');
  longKeys.set(digest, [...key]);
  return `${DIGEST_MARK}${digest}`;
}

/** The key inside a cursor, or `null` when it is not one of ours (answer `400 invalid-cursor`). */
export function decodeCursor(cursor: string, arity: number): (string | number)[] | null {
  if (cursor.startsWith(DIGEST_MARK)) {
    const key = longKeys.get(cursor.slice(DIGEST_MARK.length));
    return key !== undefined && key.length === arity ? [...key] : null;
  }
  try {
    const value = JSON.parse(fromBase64Url(cursor)) as unknown;
    if (!Array.isArray(value) || value.length !== arity) return null;
    if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return value;
  } catch {
    return null;
  }
}
