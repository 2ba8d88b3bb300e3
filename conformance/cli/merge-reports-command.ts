/**
 * `session-conformance merge-reports DIR… --out DIR`: merges the report directories of every shard
 * of one run (`run --shard i/n --report-dir DIR`) into one `report.json`, `junit.xml`,
 * `report.html` (and the failing shard's `trace.json` / `replay.sh`), and, for `certified`
 * shards, one certification bundle whose manifest covers each shard's report and certificate.
 * Exit codes follow the merged result: 0 pass, 1 violation, 3 incomplete; 2 when the shards
 * cannot be read or do not belong together.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueDigest } from '../invariants/catalogue-digest.js';
import { BUNDLE_DIR, writeBundleFromReport, type Certificate } from '../report/certification.js';
import type { JsonReport } from '../report/json-report.js';
import { verifyManifest } from '../report/manifest.js';
import { mergeShardReports } from '../report/merge-reports.js';
import { incompleteNote } from '../report/outcome.js';
import { writeReportFiles, type FailureTexts } from '../report/write-reports.js';
import { EXIT, exitCode } from './exit-code.js';
import type { Output } from './run-command.js';
import { certificateNotes } from './run-reports.js';

/** A problem that stops the merge (exit 2). */
class MergeRefusal extends Error {}

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    throw new MergeRefusal(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/** The failing shard's trace and curl script, when it wrote them. */
async function failureTexts(dir: string): Promise<FailureTexts | null> {
  try {
    return { trace: await readFile(join(dir, 'trace.json'), 'utf8'), replayScript: await readFile(join(dir, 'replay.sh'), 'utf8') };
  } catch {
    return null;
  }
}

/** Each certified shard's bundle must be intact and issued under this toolkit's catalogue. */
async function shardCertificates(dirs: readonly string[], reports: readonly JsonReport[]): Promise<Certificate[]> {
  const local = catalogueDigest();
  const certs: Certificate[] = [];
  for (const dir of dirs) {
    const bundle = join(dir, BUNDLE_DIR);
    const check = await verifyManifest(bundle).catch((error: unknown) => {
      throw new MergeRefusal(`${bundle}: no readable certification bundle (${(error as Error).message})`);
    });
    if (!check.ok) throw new MergeRefusal(`${bundle} does not match its manifest: ${check.problems.join('; ')}`);
    const cert = await readJson<Certificate>(join(bundle, 'certificate.json'));
    if (cert.catalogue?.sha256 !== local.sha256) throw new MergeRefusal(`${bundle} was issued under another invariant catalogue (sha256 ${String(cert.catalogue?.sha256)}) than this toolkit's (${local.sha256})`);
    certs.push(cert);
  }
  const bundled = await Promise.all(dirs.map((dir) => readJson<JsonReport>(join(dir, BUNDLE_DIR, 'report.json'))));
  bundled.forEach((r, i) => {
    if (JSON.stringify(r) !== JSON.stringify(reports[i])) throw new MergeRefusal(`${dirs[i]}: report.json differs from the one in its certification bundle`);
  });
  return certs;
}

/** The result line of the merged run. */
function resultLines(report: JsonReport, failingShard: number | null): string[] {
  const shards = report.shards?.length ?? 0;
  const figures = `${report.runs} runs in ${shards} shards, ${report.commands} commands, ${report.exchanges} requests, seed ${report.seed}`;
  if (report.failure) {
    const f = report.failure;
    return [`FAIL  invariant ${f.invariant} (shard ${failingShard ?? '?'}/${shards})`, `  ${f.message}`, `  seed ${f.seed}, path ${f.path ?? '-'} (replay without --shard)`, `  ${figures}`];
  }
  const verdict = report.outcome === 'incomplete' ? `PASS (INCOMPLETE: ${incompleteNote(report, report.plannedRuns)})` : 'PASS';
  const idle = report.invariants.filter((i) => i.status === 'not-exercised').map((i) => i.id);
  return [`${verdict}  ${figures}`, ...(idle.length > 0 ? [`  not exercised (checked 0 times, so not passed either): ${idle.join(', ')}`] : [])];
}

/** Merges the shard directories into `out`; resolves with the exit code. */
export async function mergeReportsCommand(dirs: readonly string[], out: string, output: Output): Promise<number> {
  try {
    const reports = await Promise.all(dirs.map((dir) => readJson<JsonReport>(join(dir, 'report.json'))));
    const merged = mergeShardReports(reports, dirs);
    if ('refusal' in merged) throw new MergeRefusal(merged.refusal);
    const { report, failingShard } = merged;
    const failingDir = failingShard === null ? null : dirs[reports.findIndex((r) => r.shard?.index === failingShard)] ?? null;
    const failure = failingDir === null ? null : await failureTexts(failingDir);
    const certs = report.profile === 'certified' ? await shardCertificates(dirs, reports) : null;
    for (const line of resultLines(report, failingShard)) output.out(line);
    const written = await writeReportFiles(out, report, failure);
    output.out(`reports: ${written.files.join(', ')}`);
    let certificate: Certificate['result'] | null = null;
    if (certs !== null) {
      const first = certs[0] as Certificate;
      const extra = reports.flatMap((r, i) => {
        const name = `shard-${r.shard?.index ?? 0}-of-${r.shard?.count ?? 0}`;
        return [{ name: `${name}.report.json`, text: `${JSON.stringify(r, null, 2)}\n` }, { name: `${name}.certificate.json`, text: `${JSON.stringify(certs[i], null, 2)}\n` }];
      });
      const finishedAt = certs.map((c) => c.finishedAt).sort().at(-1) ?? new Date().toISOString();
      const bundle = await writeBundleFromReport(out, report, failure, extra, first.toolkit.name, first.budget, finishedAt);
      const c = bundle.certificate;
      certificate = c.result;
      output.out(`certification: ${c.result.toUpperCase()} — ${c.server.name ?? '?'} ${c.server.version ?? '?'}, ${certs.length} shards, contract sha256 ${c.contract.sha256.slice(0, 16)}…, toolkit ${c.toolkit.version}`);
      output.out(`  bundle ${bundle.dir} (manifest.json sha256 ${bundle.manifestSha256}); check it with: session-conformance verify ${bundle.dir}`);
      for (const line of certificateNotes(c)) output.out(line);
    }
    return exitCode({ outcome: report.failure?.invariant === 'error' ? 'error' : report.outcome, certificate, requireComplete: true });
  } catch (error) {
    if (!(error instanceof MergeRefusal)) throw error;
    output.err(`error: merge-reports: ${error.message}`);
    return EXIT.usage;
  }
}
