/**
 * The human-readable outcome: a pass line with throughput, or the violated invariant with
 * expected vs actual, the shrunk steps and how to replay.
 */
import type { SuiteResult } from '../mbt/run-suite.js';
import { incompleteNote, runOutcome } from '../report/outcome.js';

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** What the result line needs besides the result: the planned runs and the enforced invariants. */
export interface ResultContext {
  readonly plannedRuns: number;
  readonly enabled: ReadonlySet<string>;
}

/** Lines to print for a result. */
export function formatResult(result: SuiteResult, baseUrl: string, context?: ResultContext): string[] {
  const secs = result.durationMs / 1000;
  const rate = `${result.commands} commands, ${result.exchanges} requests in ${secs.toFixed(1)} s (${Math.round(result.commands / Math.max(secs, 0.001))} commands/s)`;
  if (!result.failure) {
    const planned = context?.plannedRuns ?? result.runs;
    const verdict = runOutcome(result, planned) === 'incomplete' ? `PASS (INCOMPLETE: ${incompleteNote(result, planned)})` : 'PASS';
    const lines = [`${verdict}  ${result.runs} runs, ${rate}, seed ${result.seed}`];
    const idle = [...(context?.enabled ?? [])].filter((id) => (result.checks.get(id) ?? 0) === 0);
    if (idle.length > 0) lines.push(`  not exercised (checked 0 times, so not passed either): ${idle.join(', ')}`);
    return lines;
  }
  const f = result.failure;
  const v = f.violation;
  const lines = [`FAIL  invariant ${v.invariant}`, `  ${v.message}`];
  if ('expected' in v && v.expected !== undefined) lines.push(`  expected: ${show(v.expected)}`);
  if ('actual' in v && v.actual !== undefined) lines.push(`  actual:   ${show(v.actual)}`);
  lines.push(`  shrunk to ${f.steps.length} steps (${f.numShrinks} shrinks):`);
  f.steps.forEach((step, i) => lines.push(`    ${i + 1}. ${step}`));
  lines.push(`  (sessions are s0, s1, … and checkpoints c0, c1, … in the order the steps create them)`);
  lines.push(`  seed ${f.seed}, path ${f.path ?? '-'}`);
  lines.push(`  replay: session-conformance run --base-url ${baseUrl} --seed ${f.seed} --path '${f.path ?? ''}' (with the same tokens, profile and --runs/--max-commands)`);
  lines.push(`  ${rate}`);
  return lines;
}
