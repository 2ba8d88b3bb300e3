/**
 * Writes every report file into a directory: `report.json`, `junit.xml`, and on failure
 * `trace.json` (a replayable scenario) and `replay.sh` (curl).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../mbt/run-suite.js';
import { curlScript } from './curl-script.js';
import { jsonReport, type ReportMeta } from './json-report.js';
import { junitXml } from './junit-xml.js';
import { traceScenario, type TracePrincipal } from './trace-scenario.js';

/** The status a correct server answers at the failing step, when the violation says. */
function expectedStatus(expected: unknown): number | null {
  const match = typeof expected === 'string' || typeof expected === 'number' ? /^(\d{3})\b/.exec(String(expected)) : null;
  return match ? Number(match[1]) : null;
}

/** Writes the reports; returns the paths written. */
export async function writeReports(dir: string, result: SuiteResult, enabled: ReadonlySet<string>, meta: ReportMeta, principals: TracePrincipal[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, text: string): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, text);
    written.push(path);
  };
  await put('report.json', `${JSON.stringify(jsonReport(result, enabled, meta), null, 2)}\n`);
  await put('junit.xml', junitXml(result, enabled));
  if (result.failure) {
    const v = result.failure.violation;
    const description = `${v.message}\nsteps: ${result.failure.steps.join('; ')}\nseed ${result.failure.seed}, path ${result.failure.path ?? ''}`;
    const scenario = traceScenario(`conformance failure: ${v.invariant}`, description, result.failure.trace, principals, 'expected' in v ? expectedStatus(v.expected) : null);
    await put('trace.json', `${JSON.stringify({ $schema: 'urn:session-api:scenario', ...scenario }, null, 2)}\n`);
    await put('replay.sh', curlScript(scenario, meta.baseUrl));
  }
  return written;
}
