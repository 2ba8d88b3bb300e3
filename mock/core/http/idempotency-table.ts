import type { MockResponse } from './messages.js';

/** How long a key is remembered from its first use, by the mock's clock (contract §11). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What a key remembers: the request it was first used with, the response to replay, and when. */
export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly response: MockResponse;
  /** The clock's reading at the key's first use; the key is forgotten {@link IDEMPOTENCY_RETENTION_MS} later. */
  readonly firstUsedMs: number;
}

/**
 * Replayable responses by principal and `Idempotency-Key`, each kept for 24 hours of the clock
 * from its first use and then forgotten, so memory is bounded by the keyed writes of the last 24 h.
 *
 * A key is expired only when the reading is more than the retention past its first use. The clock
 * never goes back (the admin API refuses it), and even a past reading (a replayed step's `at`)
 * only makes a record look younger: nothing is dropped before its time.
 */
export class IdempotencyTable {
  /**
   * Insertion order is first-use order: records are only added at the current reading and a
   * re-used expired key is deleted before it is added again, so the oldest records sit at the front.
   */
  private readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly nowMs: () => number) {}

  /** The live record for `key`; an expired one is deleted and reads as absent. */
  get(key: string): IdempotencyRecord | undefined {
    const record = this.records.get(key);
    if (record === undefined) return undefined;
    if (!this.expired(record, this.nowMs())) return record;
    this.records.delete(key);
    return undefined;
  }

  /** Remembers a first use at the current reading, after dropping the expired records at the front. */
  set(key: string, fingerprint: string, response: MockResponse): void {
    const now = this.nowMs();
    this.sweep(now);
    this.records.delete(key);
    this.records.set(key, { fingerprint, response, firstUsedMs: now });
  }

  /** How many records are held, expired ones not swept yet included (tests and benchmarks read it). */
  get size(): number {
    return this.records.size;
  }

  /**
   * Drops expired records from the front, stopping at the first live one: amortised O(1) per
   * insert. Should a record ever be out of order (a replay with instants going back), an expired
   * one behind it waits for the next sweep or lookup, which is late, never early.
   */
  private sweep(now: number): void {
    for (const [key, record] of this.records) {
      if (!this.expired(record, now)) return;
      this.records.delete(key);
    }
  }

  private expired(record: IdempotencyRecord, now: number): boolean {
    return now - record.firstUsedMs > IDEMPOTENCY_RETENTION_MS;
  }
}
