import { compareCodePoints } from '../domain/index.js';

/** One cache entry (contract §13 "Cache entries"). */
export interface CacheRecord {
  readonly key: string;
  readonly value: unknown;
  readonly ttlSeconds: number | null;
  /** `null`: never expires. Milliseconds, so expiry compares numbers with the clock. */
  readonly expiresAtMs: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Whether an entry is gone at `nowMs`: from the instant `expiresAt` is reached. */
export function expired(record: CacheRecord, nowMs: number): boolean {
  return record.expiresAtMs !== null && nowMs >= record.expiresAtMs;
}

/**
 * Every session's cache. Expired entries are dropped lazily, when a request touches their key or
 * lists their session, so memory stays bounded by what clients wrote and nothing runs on a timer.
 */
export class CacheBook {
  private readonly bySession = new Map<string, Map<string, CacheRecord>>();

  /** The live entry under `key`, dropping it if it has expired. */
  live(sessionId: string, key: string, nowMs: number): CacheRecord | undefined {
    const entries = this.bySession.get(sessionId);
    const record = entries?.get(key);
    if (!entries || !record) return undefined;
    if (!expired(record, nowMs)) return record;
    this.drop(sessionId, entries, key);
    return undefined;
  }

  put(sessionId: string, record: CacheRecord): void {
    let entries = this.bySession.get(sessionId);
    if (!entries) {
      entries = new Map();
      this.bySession.set(sessionId, entries);
    }
    entries.set(record.key, record);
  }

  delete(sessionId: string, key: string): void {
    const entries = this.bySession.get(sessionId);
    if (entries) this.drop(sessionId, entries, key);
  }

  /** A session's live entries sorted by key (code point order); the expired ones are dropped on the way. */
  list(sessionId: string, nowMs: number): CacheRecord[] {
    const entries = this.bySession.get(sessionId);
    if (!entries) return [];
    const live: CacheRecord[] = [];
    for (const record of entries.values()) {
      if (expired(record, nowMs)) this.drop(sessionId, entries, record.key);
      else live.push(record);
    }
    return live.sort((a, b) => compareCodePoints(a.key, b.key));
  }

  /** Drops a session's whole cache. */
  forget(sessionId: string): void {
    this.bySession.delete(sessionId);
  }

  /** How many entries are held, expired ones not yet dropped included (tests check the lazy drop). */
  heldCount(): number {
    let count = 0;
    for (const entries of this.bySession.values()) count += entries.size;
    return count;
  }

  private drop(sessionId: string, entries: Map<string, CacheRecord>, key: string): void {
    entries.delete(key);
    if (entries.size === 0) this.bySession.delete(sessionId);
  }
}
