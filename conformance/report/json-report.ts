/**
 * The machine-readable report: outcome, invariants, the shrunk failure and coverage.
 */
import { INVARIANTS } from '../invariants/catalogue.js';
import type { SuiteResult } from '../mbt/run-suite.js';

/** Facts about the run that the result does not hold. */
export interface ReportMeta {
  readonly baseUrl: string;
  readonly profile: string;
  readonly contractVersion: string;
  readonly contractSha256: string;
  readonly toolVersion: string;
}

/** The JSON report object. */
export function jsonReport(result: SuiteResult, enabled: ReadonlySet<string>, meta: ReportMeta): unknown {
  const failed = result.failure?.violation.invariant ?? null;
  return {
    ...meta,
    passed: result.passed,
    seed: result.seed,
    runs: result.runs,
    commands: result.commands,
    exchanges: result.exchanges,
    durationMs: Math.round(result.durationMs),
    commandsPerSecond: Math.round(result.commands / Math.max(result.durationMs / 1000, 0.001)),
    interrupted: result.interrupted,
    invariants: INVARIANTS.map((i) => ({ ...i, status: !enabled.has(i.id) ? 'skipped' : failed === i.id ? 'failed' : 'passed' })),
    failure: result.failure
      ? { ...result.failure.violation, steps: result.failure.steps, seed: result.failure.seed, path: result.failure.path, numShrinks: result.failure.numShrinks, replay: `--seed ${result.failure.seed} --path ${result.failure.path ?? ''}` }
      : null,
    coverage: Object.fromEntries([...result.coverage.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
}
