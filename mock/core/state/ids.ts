/**
 * Makes ids like `ses_0000002a`: opaque to clients, but increasing per prefix so that replaying the
 * same requests gives the same ids (fixtures, exports) and equal timestamps still sort by creation.
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}_${n.toString(36).padStart(8, '0')}`;
  }
}

/** A clock that never goes backwards, so `createdAt` order is creation order. */
export class MonotonicClock {
  private last = 0;
  /** `last` formatted: a busy mock makes many changes within one millisecond. */
  private lastText = new Date(0).toISOString();
  private lastTextMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** ISO-8601 timestamp, never earlier than the previous one. */
  now(): string {
    const next = this.nowMs();
    if (next !== this.lastTextMs) {
      this.lastTextMs = next;
      this.lastText = new Date(next).toISOString();
    }
    return this.lastText;
  }

  /** The same reading in milliseconds since the epoch (cache expiry compares numbers, not text). */
  nowMs(): number {
    this.last = Math.max(this.last, this.source());
    return this.last;
  }
}
