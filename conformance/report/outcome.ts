/**
 * What a run's figures add up to: passed, failed or incomplete (fewer runs made than planned, e.g.
 * the time limit), and each invariant's status from how many times it was checked. Reports, the
 * result line and the exit code all read these, so an incomplete run never reads as a plain pass
 * and an invariant checked zero times never reads as passed.
 */
import { ALL_SURFACES, INVARIANTS, surfaceOf } from '../invariants/catalogue.js';

/** The run's outcome. */
export type RunOutcome = 'passed' | 'failed' | 'incomplete';

/** The figures an outcome is made from. */
export interface OutcomeFigures {
  readonly passed: boolean;
  readonly interrupted: boolean;
  /** Runs made. */
  readonly runs: number;
}

/** `failed` on a violation; `incomplete` when no violation but fewer runs than planned were made. */
export function runOutcome(figures: OutcomeFigures, plannedRuns: number): RunOutcome {
  if (!figures.passed) return 'failed';
  return figures.interrupted || figures.runs < plannedRuns ? 'incomplete' : 'passed';
}

/** `69 of 400 runs made, time limit`: what an incomplete run reads. */
export function incompleteNote(figures: OutcomeFigures, plannedRuns: number): string {
  return `${figures.runs} of ${plannedRuns} runs made${figures.interrupted ? ', time limit' : ''}`;
}

/**
 * An invariant's status: `not-exercised` when enforced but never checked; `not-offered` when it
 * belongs to an optional surface the server does not offer (contract README §13).
 */
export type InvariantState = 'passed' | 'failed' | 'skipped' | 'not-exercised' | 'not-offered';

/** One invariant's line in a report. */
export interface InvariantStatus {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly status: InvariantState;
  /** How many times it was checked (shrinking included). */
  readonly checks: number;
}

/** Every invariant's status, in catalogue order; `surfaces` are the ones the server offers. */
export function invariantStatuses(enabled: ReadonlySet<string>, checks: ReadonlyMap<string, number>, failed: string | null, surfaces: readonly string[] = ALL_SURFACES): InvariantStatus[] {
  return INVARIANTS.map((i) => {
    const n = checks.get(i.id) ?? 0;
    const offered = surfaces.includes(surfaceOf(i.id));
    const status: InvariantState = !offered ? 'not-offered' : !enabled.has(i.id) ? 'skipped' : failed === i.id ? 'failed' : n === 0 ? 'not-exercised' : 'passed';
    return { ...i, status, checks: n };
  });
}
