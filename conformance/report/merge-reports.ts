/**
 * Merging the reports of a run's shards (`run --shard i/n`) into one report, as if one process had
 * made every run: figures and per-invariant check counts summed, coverage added up, the failure of
 * the lowest-numbered failing run kept. Shards that do not belong together are refused with a
 * message, never merged: different seeds, profiles, contracts, base URLs, declared servers,
 * toolkits, budgets or invariant selections, and duplicate or missing shards.
 */
import { shardRunCount } from '../cli/shard.js';
import { coverageTable } from './coverage.js';
import type { JsonReport, ShardSummary } from './json-report.js';
import { invariantStatuses, runOutcome } from './outcome.js';

/** The merged report, or why the shards cannot be merged. */
export type MergeResult = { readonly report: JsonReport; readonly failingShard: number | null } | { readonly refusal: string };

/** What every shard must agree on, with the words a refusal uses. */
const SAME: ReadonlyArray<readonly [string, (r: JsonReport) => unknown]> = [
  ['seeds', (r) => r.seed],
  ['profiles', (r) => r.profile],
  ['contract sha256s', (r) => r.contractSha256],
  ['targets (embedded mock or --base-url)', (r) => r.embeddedMock],
  // Each embedded mock listens on a fresh port: its URL tells nothing about the server.
  ['base URLs', (r) => (r.embeddedMock ? 'embedded mock' : r.baseUrl)],
  ['declared server names', (r) => r.server.name],
  ['declared server versions', (r) => r.server.version],
  ['toolkit versions', (r) => r.toolVersion],
  ['shard counts', (r) => r.shard?.count],
  ['profile run counts', (r) => r.shard?.totalRuns],
  ['step budgets (--max-commands)', (r) => r.maxCommands],
  ['offered surfaces', (r) => (r.surfaces ?? []).join(',')],
  ['invariant selections (--only/--skip)', (r) => r.invariants.filter((i) => i.status === 'skipped').map((i) => i.id).join(',')],
];

/** The run index a failure's replay path starts with (the run that failed). */
export function failingRun(report: JsonReport): number {
  const head = report.failure?.path?.split(':')[0];
  return head === undefined || head === '' ? Number.POSITIVE_INFINITY : Number(head);
}

/** Checks that `reports` (named by `names`, e.g. their directories) are every shard of one run. */
function refusal(reports: readonly JsonReport[], names: readonly string[]): string | null {
  if (reports.length === 0) return 'no report directories given';
  const alone = reports.findIndex((r) => r.shard === null || r.shard === undefined);
  if (alone >= 0) return `${names[alone]} is not a shard's report (made without --shard i/n)`;
  for (const [what, key] of SAME) {
    const values = reports.map((r) => JSON.stringify(key(r) ?? null));
    const other = values.findIndex((v) => v !== values[0]);
    if (other >= 0) return `the shards are of different ${what}: ${names[0]} has ${values[0]}, ${names[other]} has ${values[other]}`;
  }
  const count = reports[0]?.shard?.count ?? 0;
  const seen = new Map<number, string>();
  for (const [i, r] of reports.entries()) {
    const index = r.shard?.index ?? 0;
    const earlier = seen.get(index);
    if (earlier !== undefined) return `shard ${index}/${count} is given twice: ${earlier} and ${names[i]}`;
    seen.set(index, names[i] ?? '?');
    if (r.shard && r.plannedRuns !== shardRunCount(r.shard.totalRuns, r.shard)) return `${names[i]}: shard ${index}/${count} planned ${r.plannedRuns} runs, not its share of ${r.shard.totalRuns}`;
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) return `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')}: every shard 1..${count} must be given once`;
  return null;
}

const sum = (reports: readonly JsonReport[], value: (r: JsonReport) => number): number => reports.reduce((total, r) => total + value(r), 0);

/** Merges every shard's report of one run; `names` label them in refusals. */
export function mergeShardReports(reports: readonly JsonReport[], names: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): MergeResult {
  const refused = refusal(reports, names);
  if (refused !== null) return { refusal: refused };
  const sorted = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const first = sorted[0] as JsonReport;
  const failing = sorted.filter((r) => !r.passed).sort((a, b) => failingRun(a) - failingRun(b))[0] ?? null;
  const checks = new Map<string, number>();
  const coverage = new Map<string, number>();
  for (const r of sorted) {
    for (const i of r.invariants) checks.set(i.id, (checks.get(i.id) ?? 0) + i.checks);
    for (const [key, n] of Object.entries(r.coverage)) coverage.set(key, (coverage.get(key) ?? 0) + n);
  }
  const figures = { passed: failing === null, interrupted: sorted.some((r) => r.interrupted), runs: sum(sorted, (r) => r.runs) };
  const plannedRuns = sum(sorted, (r) => r.plannedRuns);
  const commands = sum(sorted, (r) => r.commands);
  const durationMs = sum(sorted, (r) => r.durationMs);
  const enabled = new Set(first.invariants.filter((i) => i.status !== 'skipped').map((i) => i.id));
  const shards: ShardSummary[] = sorted.map((r) => ({
    index: r.shard?.index ?? 0, count: r.shard?.count ?? 0, outcome: r.outcome, plannedRuns: r.plannedRuns, runs: r.runs,
    commands: r.commands, exchanges: r.exchanges, durationMs: r.durationMs, interrupted: r.interrupted, startedAt: r.startedAt,
  }));
  const report: JsonReport = {
    ...first,
    startedAt: sorted.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    outcome: runOutcome(figures, plannedRuns),
    passed: figures.passed,
    shard: null,
    plannedRuns,
    runs: figures.runs,
    commands,
    exchanges: sum(sorted, (r) => r.exchanges),
    durationMs,
    commandsPerSecond: Math.round(commands / Math.max(durationMs / 1000, 0.001)),
    interrupted: figures.interrupted,
    invariants: invariantStatuses(enabled, checks, failing?.failure?.invariant ?? null, first.surfaces),
    failure: failing?.failure ?? null,
    coverage: Object.fromEntries([...coverage.entries()].sort(([a], [b]) => a.localeCompare(b))),
    coverageTable: coverageTable(coverage, first.coverageTable.rows.slice(0, first.coverageTable.operations).map((row) => row.operationId)),
    shards,
  };
  return { report, failingShard: failing?.shard?.index ?? null };
}
