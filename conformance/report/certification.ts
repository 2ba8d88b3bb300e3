/**
 * The `certified` profile's bundle (`<report-dir>/certification/`): the reports (JSON, JUnit,
 * HTML, and on failure trace and curl script), `certificate.json` (verdict, toolkit version,
 * contract sha256, the server's self-declared name and version) and `manifest.json` hashing them.
 */
import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { JsonReport, ReportServer } from './json-report.js';
import { buildManifest, MANIFEST_FILE, sha256 } from './manifest.js';
import { writeReports, type ReportInput } from './write-reports.js';

/** The bundle's directory name inside the report directory. */
export const BUNDLE_DIR = 'certification';

/** `certificate.json`. */
export interface Certificate {
  readonly format: 'session-conformance-certificate/1';
  /**
   * `certified`: every invariant held over the full certified budget; `failed`: one did not;
   * `incomplete`: none failed, but fewer runs or steps than the profile's budget were made (the
   * time limit cut the runs short, or `--runs`/`--max-commands` lowered it).
   */
  readonly result: 'certified' | 'failed' | 'incomplete';
  /** The certified profile's budget the run is measured against. */
  readonly budget: { readonly runs: number; readonly maxCommands: number };
  readonly toolkit: { readonly name: string; readonly version: string };
  readonly contract: { readonly version: string; readonly sha256: string };
  readonly server: ReportServer & { readonly baseUrl: string };
  readonly profile: string;
  readonly seed: number;
  readonly plannedRuns: number;
  readonly runs: number;
  readonly maxCommands: number;
  readonly commands: number;
  readonly exchanges: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly invariants: { readonly enforced: number; readonly passed: number; readonly failed: readonly string[]; readonly skipped: readonly string[] };
  readonly failure: { readonly invariant: string; readonly message: string } | null;
}

/** The certificate for a report, against the profile's budget. */
export function certificate(report: JsonReport, toolName: string, budget: Certificate['budget'], finishedAt: string): Certificate {
  const ids = (status: string): string[] => report.invariants.filter((i) => i.status === status).map((i) => i.id);
  const failed = report.failure ? [report.failure.invariant] : [];
  const short = report.interrupted || report.runs < budget.runs || report.maxCommands < budget.maxCommands;
  const result = !report.passed ? 'failed' : short ? 'incomplete' : 'certified';
  return {
    format: 'session-conformance-certificate/1',
    result,
    budget,
    toolkit: { name: toolName, version: report.toolVersion },
    contract: { version: report.contractVersion, sha256: report.contractSha256 },
    server: { ...report.server, baseUrl: report.baseUrl },
    profile: report.profile,
    seed: report.seed,
    plannedRuns: report.plannedRuns,
    runs: report.runs,
    maxCommands: report.maxCommands,
    commands: report.commands,
    exchanges: report.exchanges,
    startedAt: report.startedAt,
    finishedAt,
    invariants: { enforced: report.invariants.length - ids('skipped').length, passed: ids('passed').length, failed, skipped: ids('skipped') },
    failure: report.failure ? { invariant: report.failure.invariant, message: report.failure.message } : null,
  };
}

/** What the bundle holds. */
export interface Bundle {
  readonly dir: string;
  readonly certificate: Certificate;
  /** sha256 of `manifest.json`: publish it with the bundle. */
  readonly manifestSha256: string;
}

/** Writes the bundle below `reportDir` (replacing an earlier one). */
export async function writeCertification(reportDir: string, input: ReportInput, toolName: string, budget: Certificate['budget']): Promise<Bundle> {
  const dir = join(reportDir, BUNDLE_DIR);
  await rm(dir, { recursive: true, force: true });
  const written = await writeReports(dir, input);
  const cert = certificate(written.report, toolName, budget, new Date().toISOString());
  await writeFile(join(dir, 'certificate.json'), `${JSON.stringify(cert, null, 2)}\n`);
  const names = [...written.files.map((f) => basename(f)), 'certificate.json'];
  const text = `${JSON.stringify(await buildManifest(dir, names), null, 2)}\n`;
  await writeFile(join(dir, MANIFEST_FILE), text);
  return { dir, certificate: cert, manifestSha256: sha256(text) };
}
