/**
 * The exit codes of `run` and `merge-reports`: 0 pass, 1 violation, 2 usage or setup error,
 * 3 incomplete (fewer runs made than planned, or a `certified` budget not met). A `certified`
 * run that is incomplete always exits 3; any other profile only with `--require-complete`, so
 * a quick local loop cut short by its time limit still exits 0 (its result line says INCOMPLETE).
 */
import type { RunOutcome } from '../report/outcome.js';

/** The documented codes. */
export const EXIT = { pass: 0, violation: 1, usage: 2, incomplete: 3 } as const;

/** What the exit code is made from. */
export interface ExitFacts {
  /** The run's outcome; `error` for an unexpected error inside the suite. */
  readonly outcome: RunOutcome | 'error';
  /** The certificate's result, for a `certified` run (null otherwise). */
  readonly certificate: 'certified' | 'failed' | 'incomplete' | 'shard' | null;
  /** Whether an incomplete run must fail the process (`certified`, `--require-complete`, merged shards). */
  readonly requireComplete: boolean;
}

/** The process exit code. */
export function exitCode(facts: ExitFacts): number {
  if (facts.outcome === 'error') return EXIT.usage;
  if (facts.outcome === 'failed') return EXIT.violation;
  if (facts.certificate === 'incomplete' || (facts.requireComplete && facts.outcome === 'incomplete')) return EXIT.incomplete;
  return EXIT.pass;
}
