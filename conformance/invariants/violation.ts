/**
 * A broken invariant, thrown from inside a step so fast-check shrinks the run, and carried into
 * reports as data.
 */
import type { InvariantId } from './catalogue.js';

/** What a violation reports. */
export interface ViolationData {
  readonly invariant: InvariantId;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/** Thrown when the server breaks an invariant. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  constructor(readonly data: ViolationData) {
    super(`[${data.invariant}] ${data.message}`);
  }
}

/** Thrown when the server cannot be reached at all (not a violation: exit code 2). */
export class ConnectionFailure extends Error {
  override readonly name = 'ConnectionFailure';
}

/** A violation of an invariant that `--skip`/`--only` left out: ends the run without failing it. */
export class SkippedViolation extends Error {
  override readonly name = 'SkippedViolation';
}
