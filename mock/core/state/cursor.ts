import { fromBase64Url, toBase64Url } from '../http/base64.js';

/**
 * Opaque page cursors: base64url JSON of the last key returned. Keyset paging (resume after a
 * key, not at an offset) is what keeps a listing free of repeats and skips while others create
 * and delete.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return toBase64Url(JSON.stringify(key));
}

/** The key inside a cursor, or `null` when it is not one of ours (answer `400 invalid-cursor`). */
export function decodeCursor(cursor: string, arity: number): (string | number)[] | null {
  try {
    const value = JSON.parse(fromBase64Url(cursor)) as unknown;
    if (!Array.isArray(value) || value.length !== arity) return null;
    if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return value;
  } catch {
    return null;
  }
}
