/** What `GET /__admin/clock` shows. */
export interface ClockStatus {
  /** The mock's current reading (ISO-8601). */
  readonly now: string;
  readonly frozen: boolean;
  /** The reading minus the real clock's (the `now` source), in milliseconds. */
  readonly offsetMs: number;
}

/** What a journal keeps of the clock: frozen at an instant, or running at an offset from the real clock. */
export interface ClockSetting {
  readonly frozenAtMs: number | null;
  readonly offsetMs: number;
}

/** Everything a clock holds, to put it back exactly after a change that could not be kept. */
export interface ClockSnapshot extends ClockSetting {
  readonly lastMs: number;
}

/** A change the clock refused: it would have gone back before `nowMs`. */
export interface ClockBackwards {
  readonly ok: false;
  readonly nowMs: number;
}

/**
 * The one clock of a mock core: every timestamp and every cache TTL reads it. It survives resets
 * and imports (the core owns it, not the store), and the admin API freezes, sets and advances it.
 *
 * It never goes back. Ids and list orders assume that a later change never has an earlier
 * timestamp, so a `set` before the current reading is refused, and a jitter of the real clock
 * backwards is held at the last reading. The one exception is {@link during} with an explicit
 * instant, which a scenario replay uses to run a recorded step at the time it first ran.
 */
export class ControllableClock {
  /** Added to the real clock while running. */
  private offset = 0;
  /** The instant a frozen clock reads; `null` while running. */
  private frozenAt: number | null = null;
  /** Set while one request (or one replayed step) runs: every timestamp it makes is this instant. */
  private pinned: number | null = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly source: () => number = Date.now) {}

  /** The reading in milliseconds since the epoch. */
  nowMs(): number {
    if (this.pinned !== null) return this.pinned;
    const raw = this.frozenAt ?? this.source() + this.offset;
    if (raw > this.last) this.last = raw;
    return this.last;
  }

  status(): ClockStatus {
    const now = this.nowMs();
    return { now: new Date(now).toISOString(), frozen: this.frozenAt !== null, offsetMs: now - this.source() };
  }

  /** The setting a restart brings back (the clock survives restarts with `--state-dir`). */
  setting(): ClockSetting {
    return { frozenAtMs: this.frozenAt, offsetMs: this.offset };
  }

  /** Takes up a journaled setting; the reading still never goes below what it was. */
  adopt(setting: ClockSetting): void {
    this.frozenAt = setting.frozenAtMs;
    this.offset = setting.offsetMs;
  }

  snapshot(): ClockSnapshot {
    return { ...this.setting(), lastMs: this.last };
  }

  /** Back to a {@link snapshot}, the one way the reading goes back: undoing a change that was never kept. */
  restore(snapshot: ClockSnapshot): void {
    this.adopt(snapshot);
    this.last = snapshot.lastMs;
  }

  /** Stops the clock at its current reading (a no-op when frozen already). */
  freeze(): void {
    this.frozenAt ??= this.nowMs();
  }

  /** Lets a frozen clock run on from the instant it was frozen at, so it does not jump. */
  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offset = this.frozenAt - this.source();
    this.frozenAt = null;
  }

  /** Moves the reading to `ms` (a frozen clock stays frozen there); refused when that is earlier than now. */
  set(ms: number): { ok: true } | ClockBackwards {
    const now = this.nowMs();
    if (ms < now) return { ok: false, nowMs: now };
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offset += ms - now;
    return { ok: true };
  }

  /** Moves the reading on by `ms` ≥ 0. */
  advance(ms: number): void {
    this.set(this.nowMs() + Math.max(0, ms));
  }

  /** After a replay: the reading is at least `ms`, so what comes next is never earlier than what was replayed. */
  resumeAt(ms: number): void {
    if (ms > this.nowMs()) this.set(ms);
  }

  /**
   * Runs `run` with the reading pinned: at `at` when given (a replayed step's recorded instant, which
   * may be in the past), else at the current reading. Inside an outer pin, without `at`, the outer
   * instant stays. `run` receives the instant.
   */
  during<T>(at: number | undefined, run: (at: number) => T): T {
    const outer = this.pinned;
    const instant = at ?? outer ?? this.nowMs();
    this.pinned = instant;
    try {
      return run(instant);
    } finally {
      this.pinned = outer;
    }
  }
}
