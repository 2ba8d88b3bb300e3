/**
 * After a run: write the reports (`--report-dir`) and, for the `certified` profile, the bundle.
 * Returns the lines to print; the caller prints them.
 */
import { writeCertification, type Bundle, type Certificate } from '../report/certification.js';
import { writeReports, type ReportInput } from '../report/write-reports.js';

/** What was written, for the caller to print and to pick the exit code. */
export interface ReportsOutcome {
  readonly lines: string[];
  readonly bundle: Bundle | null;
}

/** Writes the reports into `reportDir`, and the certification bundle below it when asked. */
export async function writeRunReports(reportDir: string, input: ReportInput, certify: { toolName: string; budget: { runs: number; maxCommands: number } } | null): Promise<ReportsOutcome> {
  const written = await writeReports(reportDir, input);
  const lines = [`reports: ${written.files.join(', ')}`];
  if (!certify) return { lines, bundle: null };
  const bundle = await writeCertification(reportDir, input, certify.toolName, certify.budget);
  const c = bundle.certificate;
  lines.push(
    `certification: ${c.result.toUpperCase()} — ${c.server.name ?? '?'} ${c.server.version ?? '?'}, contract sha256 ${c.contract.sha256.slice(0, 16)}…, toolkit ${c.toolkit.version}`,
    `  bundle ${bundle.dir} (manifest.json sha256 ${bundle.manifestSha256}); check it with: session-conformance verify ${bundle.dir}`,
  );
  lines.push(...certificateNotes(c));
  return { lines, bundle };
}

/** What a certificate that is not `certified` lacks, as lines to print (also for merged shards). */
export function certificateNotes(c: Certificate): string[] {
  if (c.result === 'shard' && c.shard) return [`  NOT CERTIFIED ALONE: shard ${c.shard.index} of ${c.shard.count}; merge every shard's report directory with session-conformance merge-reports`];
  if (c.result !== 'incomplete') return [];
  const total = c.shard ? c.shard.totalRuns : c.runs;
  const lines = [`  NOT CERTIFIED: ${c.runs} of ${c.plannedRuns} runs of up to ${c.maxCommands} steps made, the certified budget is ${c.budget.runs} × ${c.budget.maxCommands}${c.runs < c.plannedRuns ? ' (the time limit cut the runs short)' : total < c.budget.runs || c.maxCommands < c.budget.maxCommands ? ' (--runs/--max-commands lowered it)' : ''}`];
  if (c.invariants.notExercised.length > 0) lines.push(`  not exercised: ${c.invariants.notExercised.join(', ')}`);
  if (c.invariants.notOffered.length > 0) lines.push(`  covers the surfaces ${c.surfaces.join(', ')} only`);
  return lines;
}
