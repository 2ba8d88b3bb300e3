/**
 * Writes every report file into a directory: `report.json`, `junit.xml`, `report.html`, and on
 * failure `trace.json` (a replayable scenario) and `replay.sh` (curl).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../mbt/run-suite.js';
import { curlScript } from './curl-script.js';
import { htmlReport } from './html-report.js';
import { jsonReport, type JsonReport, type ReportMeta } from './json-report.js';
import { junitXml } from './junit-xml.js';
import { traceScenario, type TracePrincipal } from './trace-scenario.js';

/** Everything the reports are made from. */
export interface ReportInput {
  readonly result: SuiteResult;
  /** The enforced invariant ids. */
  readonly enabled: ReadonlySet<string>;
  readonly meta: ReportMeta;
  /** The principals behind the tokens (the trace's `principals`; the first is the main one). */
  readonly principals: TracePrincipal[];
}

/** What was written. */
export interface WrittenReports {
  /** Paths of the files written, in order. */
  readonly files: string[];
  readonly report: JsonReport;
}

/** The status a correct server answers at the failing step, when the violation says. */
function expectedStatus(expected: unknown): number | null {
  const match = typeof expected === 'string' || typeof expected === 'number' ? /^(\d{3})\b/.exec(String(expected)) : null;
  return match ? Number(match[1]) : null;
}

/** The failure's replay files as text: `trace.json` and `replay.sh`. */
export interface FailureTexts {
  readonly trace: string;
  readonly replayScript: string;
}

/** Writes the reports into `dir` (created if needed). */
export async function writeReports(dir: string, input: ReportInput): Promise<WrittenReports> {
  const { result, enabled, meta, principals } = input;
  const report = jsonReport(result, enabled, meta);
  let texts: FailureTexts | null = null;
  if (result.failure) {
    const v = result.failure.violation;
    const description = `${v.message}\nsteps: ${result.failure.steps.join('; ')}\nseed ${result.failure.seed}, path ${result.failure.path ?? ''}`;
    const scenario = traceScenario(`conformance failure: ${v.invariant}`, description, result.failure.trace, principals, 'expected' in v ? expectedStatus(v.expected) : null);
    texts = { trace: `${JSON.stringify({ $schema: 'urn:session-api:scenario', ...scenario }, null, 2)}\n`, replayScript: curlScript(scenario, meta.baseUrl) };
  }
  return writeReportFiles(dir, report, texts);
}

/** Writes a finished report (a run's, or merged shards') and its failure files into `dir`. */
export async function writeReportFiles(dir: string, report: JsonReport, failure: FailureTexts | null): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const put = async (name: string, text: string): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, text);
    files.push(path);
  };
  await put('report.json', `${JSON.stringify(report, null, 2)}\n`);
  await put('junit.xml', junitXml(report));
  if (failure) {
    await put('trace.json', failure.trace);
    await put('replay.sh', failure.replayScript);
  }
  const failureFiles = failure === null ? { trace: null, replayScript: null, curlScript: null } : { trace: 'trace.json', replayScript: 'replay.sh', curlScript: failure.replayScript };
  await put('report.html', htmlReport(report, failureFiles));
  return { files, report };
}
