/**
 * The failure and coverage sections of the HTML report. Inputs are report data; output is HTML
 * with every value escaped.
 */
import { INVARIANTS } from '../invariants/catalogue.js';
import { esc, escValue, keyValueTable } from './html-escape.js';
import type { JsonReport } from './json-report.js';

/** Files next to the report that the failure section links to or shows. */
export interface FailureFiles {
  /** The trace file name relative to the report (null: none written). */
  readonly trace: string | null;
  readonly replayScript: string | null;
  /** The curl script's text, shown inline. */
  readonly curlScript: string | null;
}

/** The violated invariant, expected vs actual, shrunk steps, replay and the curl script. */
export function failureSection(report: JsonReport, files: FailureFiles): string {
  const f = report.failure;
  if (!f) return '';
  const info = INVARIANTS.find((i) => i.id === f.invariant);
  const heading = f.invariant === 'error' ? 'Unexpected error' : `Violated: <code>${esc(f.invariant)}</code>`;
  const rows: Array<readonly [string, string]> = [
    ['invariant', `<code>${esc(f.invariant)}</code>${info ? ` — ${esc(info.title)} (${esc(info.section)})` : ''}`],
    ['message', esc(f.message)],
  ];
  if (f.expected !== undefined) rows.push(['expected', `<pre>${escValue(f.expected)}</pre>`]);
  if (f.actual !== undefined) rows.push(['actual', `<pre>${escValue(f.actual)}</pre>`]);
  rows.push(['seed', esc(f.seed)], ['path', `<code>${esc(f.path ?? '-')}</code>`]);
  rows.push(['replay', `<pre>session-conformance run --base-url ${esc(report.baseUrl)} --seed ${esc(f.seed)} --path '${esc(f.path ?? '')}' --profile ${esc(report.profile)}</pre>`]);
  const links = [files.trace, files.replayScript].filter((n): n is string => n !== null).map((n) => `<a href="${esc(n)}">${esc(n)}</a>`);
  if (links.length > 0) rows.push(['files', links.join(' · ')]);
  const steps = `<h3>Shrunk steps (${esc(f.steps.length)}, after ${esc(f.numShrinks)} shrinks)</h3><ol class="steps">${f.steps.map((s) => `<li><code>${esc(s)}</code></li>`).join('')}</ol>`
    + '<p class="note">Sessions are s0, s1, … and checkpoints c0, c1, … in the order the steps create them.</p>';
  const curl = files.curlScript === null ? '' : `<details><summary>curl script (<code>${esc(files.replayScript ?? 'replay.sh')}</code>)</summary><pre>${esc(files.curlScript)}</pre></details>`;
  return `<section id="failure"><h2>${heading}</h2>${keyValueTable(rows)}${steps}${curl}</section>`;
}

/** The operations × status codes table. */
export function coverageSection(report: JsonReport): string {
  const t = report.coverageTable;
  const head = `<tr><th>operation</th><th>total</th>${t.statuses.map((s) => `<th>${esc(s)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((row) => {
    const cells = t.statuses.map((s) => {
      const n = row.statuses[String(s)];
      return `<td class="${n === undefined ? 'zero' : s >= 500 ? 'bad' : ''}">${n === undefined ? '' : esc(n)}</td>`;
    });
    return `<tr class="${row.total === 0 ? 'none' : ''}"><th><code>${esc(row.operationId)}</code></th><td>${esc(row.total)}</td>${cells.join('')}</tr>`;
  });
  return `<section id="coverage"><h2>Coverage</h2><p>${esc(t.exercised)} of ${esc(t.operations)} operations exercised; ${esc(t.statuses.length)} distinct status codes; ${esc(report.exchanges)} requests.</p>`
    + `<table class="grid">${head}${rows.join('')}</table></section>`;
}
