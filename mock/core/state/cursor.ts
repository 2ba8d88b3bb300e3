import { sha256Hex, type Sha256Hex } from '../domain/sha256.js';
import { fromBase64Url, toBase64Url } from '../http/base64.js';

/** The longest cursor a client may send back (contract/README.md §7 Limits: 1–512 characters). */
export const MAX_CURSOR_LENGTH = 512;

/** Marks a digest cursor; a plain cursor (base64url of a JSON array) always starts with `W`. */
const DIGEST_MARK = 'h';

/**
 * Opaque page cursors: base64url JSON of the last key returned. Keyset paging (resume after a
 * key, not at an offset) is what keeps a listing free of repeats and skips while others create
 * and delete. Each store owns one codec (no module state: the core runs anywhere and every core
 * is independent).
 */
export class CursorCodec {
  /**
   * Keys too long to travel inside a cursor, by the digest their cursor carries instead. A file
   * path may hold 1024 bytes, so a keyset cursor after it would break the 512-character limit.
   * Only keys over ~380 bytes land here; an entry lives as long as the store (a client may page
   * on at any time), and the same key always maps to the same entry.
   */
  private readonly longKeys = new Map<string, (string | number)[]>();

  constructor(private readonly sha256: Sha256Hex = sha256Hex) {}

  /** The cursor that resumes after `key`. */
  encode(key: readonly (string | number)[]): string {
    const json = JSON.stringify(key);
    const plain = toBase64Url(json);
    if (plain.length <= MAX_CURSOR_LENGTH) return plain;
    const digest = this.sha256(new TextEncoder().encode(json));
    this.longKeys.set(digest, [...key]);
    return `${DIGEST_MARK}${digest}`;
  }

  /** The key inside a cursor, or `null` when it is not one of ours (answer `400 invalid-cursor`). */
  decode(cursor: string, arity: number): (string | number)[] | null {
    if (cursor.startsWith(DIGEST_MARK)) {
      const key = this.longKeys.get(cursor.slice(DIGEST_MARK.length));
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
}
