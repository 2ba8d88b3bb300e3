/**
 * The human-readable outcome: a pass line with throughput, or the violated invariant with
 * expected vs actual, the shrunk steps and how to replay.
 */
import type { SuiteResult } from '../mbt/run-suite.js';

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Lines to print for a result. */
export function formatResult(result: SuiteResult, baseUrl: string): string[] {
  const secs = result.durationMs / 1000;
  const rate = `${result.commands} commands, ${result.exchanges} requests in ${secs.toFixed(1)} s (${Math.round(result.commands / Math.max(secs, 0.001))} commands/s)`;
  if (!result.failure) {
    return [`PASS  ${result.runs} runs, ${rate}, seed ${result.seed}${result.interrupted ? ' (stopped at the time limit)' : ''}`];
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
  lines.push(`  replay: session-conformance run --base-url ${baseUrl} --seed ${f.seed} --path ${f.path ?? ''} (with the same tokens, profile and --runs/--max-commands)`);
  lines.push(`  ${rate}`);
  return lines;
}
