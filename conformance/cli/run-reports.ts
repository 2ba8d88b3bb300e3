/**
 * After a run: write the reports (`--report-dir`) and, for the `certified` profile, the bundle.
 * Returns the lines to print; the caller prints them.
 */
import { writeCertification, type Bundle } from '../report/certification.js';
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
  if (c.result === 'incomplete') lines.push(`  NOT CERTIFIED: ${c.runs} runs of up to ${c.maxCommands} steps made, the certified budget is ${c.budget.runs} × ${c.budget.maxCommands}${c.runs < c.plannedRuns ? ' (the time limit cut the runs short)' : ''}`);
  return { lines, bundle };
}
