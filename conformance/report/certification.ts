/**
 * The `certified` profile's bundle (`<report-dir>/certification/`): the reports (JSON, JUnit,
 * HTML, and on failure trace and curl script), `certificate.json` (verdict, toolkit version,
 * contract sha256, the server's self-declared name and version) and `manifest.json` hashing them.
 */
import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { catalogueDigest, type CatalogueDigest } from '../invariants/catalogue-digest.js';
import type { JsonReport, ReportServer, ReportShard } from './json-report.js';
import { buildManifest, MANIFEST_FILE, sha256 } from './manifest.js';
import { writeReportFiles, writeReports, type FailureTexts, type ReportInput } from './write-reports.js';

/** The bundle's directory name inside the report directory. */
export const BUNDLE_DIR = 'certification';

/** `certificate.json`. */
export interface Certificate {
  readonly format: 'session-conformance-certificate/2';
  /**
   * `certified`: every invariant was checked and held over the full certified budget; `failed`:
   * one did not hold; `incomplete`: none failed, but fewer runs or steps than the profile's budget
   * were made (the time limit cut the runs short, or `--runs`/`--max-commands` lowered it), or an
   * invariant was never exercised; `shard`: one shard's share made in full and passed (only the
   * shards merged with `merge-reports` can be `certified`).
   */
  readonly result: 'certified' | 'failed' | 'incomplete' | 'shard';
  /** The certified profile's budget the run is measured against. */
  readonly budget: { readonly runs: number; readonly maxCommands: number };
  readonly toolkit: { readonly name: string; readonly version: string };
  readonly contract: { readonly version: string; readonly sha256: string };
  /** The invariant catalogue the certificate was issued under (ids and a sha256 of every entry). */
  readonly catalogue: CatalogueDigest;
  /** The shard this certificate covers (null: the whole profile, or merged shards). */
  readonly shard: ReportShard | null;
  /** Merged shards only: each shard's share, as its own report recorded it. */
  readonly shards?: JsonReport['shards'];
  readonly server: ReportServer & { readonly baseUrl: string };
  /** What the certificate covers: `core` and the optional surfaces the server offered (contract README §13). */
  readonly surfaces: readonly string[];
  readonly profile: string;
  readonly seed: number;
  readonly plannedRuns: number;
  readonly runs: number;
  readonly maxCommands: number;
  readonly commands: number;
  readonly exchanges: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly invariants: { readonly enforced: number; readonly passed: number; readonly failed: readonly string[]; readonly skipped: readonly string[]; readonly notExercised: readonly string[]; readonly notOffered: readonly string[] };
  readonly failure: { readonly invariant: string; readonly message: string } | null;
}

/** The certificate for a report, against the profile's budget. */
export function certificate(report: JsonReport, toolName: string, budget: Certificate['budget'], finishedAt: string): Certificate {
  const ids = (status: string): string[] => report.invariants.filter((i) => i.status === status).map((i) => i.id);
  const failed = report.failure ? [report.failure.invariant] : [];
  const notExercised = ids('not-exercised');
  const profileRuns = report.shard ? report.shard.totalRuns : report.runs;
  // A shard may leave an invariant to the other shards; the merged report must not.
  const short = report.outcome === 'incomplete' || profileRuns < budget.runs || report.maxCommands < budget.maxCommands || (!report.shard && notExercised.length > 0);
  const result = !report.passed ? 'failed' : short ? 'incomplete' : report.shard ? 'shard' : 'certified';
  return {
    format: 'session-conformance-certificate/2',
    result,
    budget,
    toolkit: { name: toolName, version: report.toolVersion },
    contract: { version: report.contractVersion, sha256: report.contractSha256 },
    catalogue: catalogueDigest(),
    shard: report.shard,
    ...(report.shards ? { shards: report.shards } : {}),
    server: { ...report.server, baseUrl: report.baseUrl },
    surfaces: report.surfaces,
    profile: report.profile,
    seed: report.seed,
    plannedRuns: report.plannedRuns,
    runs: report.runs,
    maxCommands: report.maxCommands,
    commands: report.commands,
    exchanges: report.exchanges,
    startedAt: report.startedAt,
    finishedAt,
    invariants: { enforced: report.invariants.length - ids('skipped').length - ids('not-offered').length, passed: ids('passed').length, failed, skipped: ids('skipped'), notExercised, notOffered: ids('not-offered') },
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
  return sealBundle(dir, written.files.map((f) => basename(f)), certificate(written.report, toolName, budget, new Date().toISOString()));
}

/**
 * Writes a bundle from a finished report (merged shards): the reports, the failure files, `extra`
 * files (each shard's report and certificate) and the certificate, all in the manifest.
 */
export async function writeBundleFromReport(reportDir: string, report: JsonReport, failure: FailureTexts | null, extra: ReadonlyArray<{ name: string; text: string }>, toolName: string, budget: Certificate['budget'], finishedAt: string): Promise<Bundle> {
  const dir = join(reportDir, BUNDLE_DIR);
  await rm(dir, { recursive: true, force: true });
  const written = await writeReportFiles(dir, report, failure);
  for (const file of extra) await writeFile(join(dir, file.name), file.text);
  return sealBundle(dir, [...written.files.map((f) => basename(f)), ...extra.map((f) => f.name)], certificate(report, toolName, budget, finishedAt));
}

/** Writes `certificate.json` and the manifest over `names` and it. */
async function sealBundle(dir: string, names: readonly string[], cert: Certificate): Promise<Bundle> {
  await writeFile(join(dir, 'certificate.json'), `${JSON.stringify(cert, null, 2)}\n`);
  const text = `${JSON.stringify(await buildManifest(dir, [...names, 'certificate.json']), null, 2)}\n`;
  await writeFile(join(dir, MANIFEST_FILE), text);
  return { dir, certificate: cert, manifestSha256: sha256(text) };
}
