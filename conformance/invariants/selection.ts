/**
 * Which invariants a run enforces (`--only`, `--skip`). A violation of an unselected invariant is
 * ignored, so a known failure can be set aside while the rest is still certified.
 */
import { INVARIANTS, isInvariantId, type InvariantId } from './catalogue.js';
import { InvariantViolation, SkippedViolation } from './violation.js';

/** The enforced set and a way to report against it. */
export class InvariantSelection {
  private readonly enabled: ReadonlySet<InvariantId>;
  /** How many times each invariant was checked (enforced or not): reports tell "not exercised" from "passed". */
  private readonly checks = new Map<InvariantId, number>();

  /** Patterns may end with `*` (`merge.*`); unknown ids throw (a usage error). */
  constructor(only: readonly string[] = [], skip: readonly string[] = []) {
    const expand = (pattern: string): InvariantId[] => {
      const hits = INVARIANTS.map((i) => i.id as InvariantId).filter((id) => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern));
      if (hits.length === 0 && !isInvariantId(pattern)) throw new Error(`unknown invariant ${pattern}`);
      return hits;
    };
    const base = only.length > 0 ? only.flatMap(expand) : INVARIANTS.map((i) => i.id as InvariantId);
    const skipped = new Set(skip.flatMap(expand));
    this.enabled = new Set(base.filter((id) => !skipped.has(id)));
  }

  /** Whether the invariant is enforced. */
  has(id: InvariantId): boolean {
    return this.enabled.has(id);
  }

  /** The enforced ids, in catalogue order. */
  ids(): InvariantId[] {
    return INVARIANTS.map((i) => i.id as InvariantId).filter((id) => this.enabled.has(id));
  }

  /**
   * Throws an {@link InvariantViolation} when the invariant is enforced, else a
   * {@link SkippedViolation} (the run's model no longer matches the server, so the run stops
   * quietly instead of reporting knock-on differences).
   */
  violate(invariant: InvariantId, message: string, expected?: unknown, actual?: unknown): never {
    this.count(invariant);
    if (this.enabled.has(invariant)) throw new InvariantViolation({ invariant, message, expected, actual });
    throw new SkippedViolation(`[${invariant}] ${message}`);
  }

  /** Checks a condition; see {@link violate}. */
  expect(condition: boolean, invariant: InvariantId, message: string, expected?: unknown, actual?: unknown): void {
    if (!condition) this.violate(invariant, message, expected, actual);
    else this.count(invariant);
  }

  /** Records one check of the invariant that held (checks made outside {@link expect}). */
  count(invariant: InvariantId, times = 1): void {
    this.checks.set(invariant, (this.checks.get(invariant) ?? 0) + times);
  }

  /** A copy of the check counts so far (ids never checked are absent). */
  checkCounts(): Map<InvariantId, number> {
    return new Map(this.checks);
  }
}
