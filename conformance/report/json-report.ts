/**
 * The machine-readable report: outcome, invariants, the shrunk failure and coverage. Every other
 * rendering (HTML, certificate) is built from this object.
 */
import type { SuiteResult } from '../mbt/run-suite.js';
import { ALL_SURFACES } from '../invariants/catalogue.js';
import { coverageTable, type CoverageTable } from './coverage.js';
import { invariantStatuses, runOutcome, type InvariantStatus, type RunOutcome } from './outcome.js';

export type { InvariantStatus } from './outcome.js';

/** A shard's place in its profile (`run --shard index/count`); `totalRuns` is the whole profile's. */
export interface ReportShard {
  readonly index: number;
  readonly count: number;
  readonly totalRuns: number;
}

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
  /** The shard this run made (`plannedRuns` is then the shard's own), or null for a whole profile. */
  readonly shard?: ReportShard | null;
  /** True when the run started its own embedded mock (no --base-url): its URL is a fresh port each time. */
  readonly embeddedMock?: boolean;
  /** The surfaces the server offers, `core` first (contract README §13); absent: all of them. */
  readonly surfaces?: readonly string[];
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
export interface JsonReport extends Omit<ReportMeta, 'operationIds' | 'shard' | 'embeddedMock' | 'surfaces'>, ReportedFigures {
  readonly embeddedMock: boolean;
  /** The surfaces the server offered; the invariants of the others read `not-offered`. */
  readonly surfaces: readonly string[];
  /** `incomplete`: no violation, but fewer runs than planned were made (`runs` of `plannedRuns`). */
  readonly outcome: RunOutcome;
  readonly shard: ReportShard | null;
  readonly commandsPerSecond: number;
  readonly invariants: readonly InvariantStatus[];
  readonly failure: ReportFailure | null;
  /** `operationId status` → count. */
  readonly coverage: Readonly<Record<string, number>>;
  readonly coverageTable: CoverageTable;
  /** Merged reports only (`merge-reports`): each shard's share as its own report recorded it. */
  readonly shards?: readonly ShardSummary[];
}

/** One shard's figures inside a merged report. */
export interface ShardSummary {
  readonly index: number;
  readonly count: number;
  readonly outcome: RunOutcome;
  readonly plannedRuns: number;
  readonly runs: number;
  readonly commands: number;
  readonly exchanges: number;
  readonly durationMs: number;
  readonly interrupted: boolean;
  readonly startedAt: string;
}

/** The JSON report object. `enabled` are the enforced invariant ids. */
export function jsonReport(result: SuiteResult, enabled: ReadonlySet<string>, meta: ReportMeta): JsonReport {
  const f = result.failure;
  const failed = f?.violation.invariant ?? null;
  return {
    baseUrl: meta.baseUrl,
    embeddedMock: meta.embeddedMock ?? false,
    surfaces: meta.surfaces ?? ALL_SURFACES,
    profile: meta.profile,
    contractVersion: meta.contractVersion,
    contractSha256: meta.contractSha256,
    toolVersion: meta.toolVersion,
    server: meta.server,
    startedAt: meta.startedAt,
    outcome: runOutcome(result, meta.plannedRuns),
    passed: result.passed,
    seed: result.seed,
    shard: meta.shard ?? null,
    plannedRuns: meta.plannedRuns,
    runs: result.runs,
    maxCommands: meta.maxCommands,
    commands: result.commands,
    exchanges: result.exchanges,
    durationMs: Math.round(result.durationMs),
    commandsPerSecond: Math.round(result.commands / Math.max(result.durationMs / 1000, 0.001)),
    interrupted: result.interrupted,
    invariants: invariantStatuses(enabled, result.checks, failed, meta.surfaces ?? ALL_SURFACES),
    failure: f
      ? { ...f.violation, steps: f.steps, seed: f.seed, path: f.path, numShrinks: f.numShrinks, replay: `--seed ${f.seed} --path ${f.path ?? ''}` }
      : null,
    coverage: Object.fromEntries([...result.coverage.entries()].sort(([a], [b]) => a.localeCompare(b))),
    coverageTable: coverageTable(result.coverage, meta.operationIds),
  };
}
