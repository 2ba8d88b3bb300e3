/**
 * The machine-readable report: outcome, invariants, the shrunk failure and coverage. Every other
 * rendering (HTML, certificate) is built from this object.
 */
import { INVARIANTS } from '../invariants/catalogue.js';
import type { SuiteResult } from '../mbt/run-suite.js';
import { coverageTable, type CoverageTable } from './coverage.js';

/** The server's self-declared identity as reports carry it. */
export interface ReportServer {
  readonly name: string | null;
  readonly version: string | null;
  /** `server-header`, `flags`, `embedded-mock`, `flags+server-header`, … or `none`. */
  readonly source: string;
  /** The raw `Server` response header (null: none). */
  readonly header: string | null;
}

/** Facts about the run that the result does not hold. */
export interface ReportMeta {
  readonly baseUrl: string;
  readonly profile: string;
  readonly contractVersion: string;
  readonly contractSha256: string;
  readonly toolVersion: string;
  readonly server: ReportServer;
  /** ISO time the run started. */
  readonly startedAt: string;
  /** Runs the profile (or --runs) asked for; `runs` is how many ran. */
  readonly plannedRuns: number;
  readonly maxCommands: number;
  /** The contract's operation ids, so coverage can show what was never exercised. */
  readonly operationIds: readonly string[];
}

/** One invariant's line in a report. */
export interface InvariantStatus {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly status: 'passed' | 'failed' | 'skipped';
}

/** The failure part of a report. */
export interface ReportFailure {
  readonly invariant: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly steps: readonly string[];
  readonly seed: number;
  readonly path: string | null;
  readonly numShrinks: number;
  /** The CLI arguments that replay the failure (`--seed N --path P`). */
  readonly replay: string;
}

/** The run's figures that the report carries as they are. */
type ReportedFigures = Pick<SuiteResult, 'passed' | 'seed' | 'runs' | 'commands' | 'exchanges' | 'durationMs' | 'interrupted'>;

/** The JSON report (`report.json`): the run's meta data plus its results. */
export interface JsonReport extends Omit<ReportMeta, 'operationIds'>, ReportedFigures {
  readonly commandsPerSecond: number;
  readonly invariants: readonly InvariantStatus[];
  readonly failure: ReportFailure | null;
  /** `operationId status` → count. */
  readonly coverage: Readonly<Record<string, number>>;
  readonly coverageTable: CoverageTable;
}

/** The JSON report object. `enabled` are the enforced invariant ids. */
export function jsonReport(result: SuiteResult, enabled: ReadonlySet<string>, meta: ReportMeta): JsonReport {
  const f = result.failure;
  const failed = f?.violation.invariant ?? null;
  return {
    baseUrl: meta.baseUrl,
    profile: meta.profile,
    contractVersion: meta.contractVersion,
    contractSha256: meta.contractSha256,
    toolVersion: meta.toolVersion,
    server: meta.server,
    startedAt: meta.startedAt,
    passed: result.passed,
    seed: result.seed,
    plannedRuns: meta.plannedRuns,
    runs: result.runs,
    maxCommands: meta.maxCommands,
    commands: result.commands,
    exchanges: result.exchanges,
    durationMs: Math.round(result.durationMs),
    commandsPerSecond: Math.round(result.commands / Math.max(result.durationMs / 1000, 0.001)),
    interrupted: result.interrupted,
    invariants: INVARIANTS.map((i) => ({ ...i, status: !enabled.has(i.id) ? 'skipped' : failed === i.id ? 'failed' : 'passed' })),
    failure: f
      ? { ...f.violation, steps: f.steps, seed: f.seed, path: f.path, numShrinks: f.numShrinks, replay: `--seed ${f.seed} --path ${f.path ?? ''}` }
      : null,
    coverage: Object.fromEntries([...result.coverage.entries()].sort(([a], [b]) => a.localeCompare(b))),
    coverageTable: coverageTable(result.coverage, meta.operationIds),
  };
}
