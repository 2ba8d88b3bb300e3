/**
 * `report.html`: one self-contained page (inline CSS, no scripts, no external assets; a CSP that
 * forbids loading anything) with the summary, every invariant's status, the failure and coverage.
 */
import { esc, keyValueTable } from './html-escape.js';
import { coverageSection, failureSection, type FailureFiles } from './html-sections.js';
import type { JsonReport } from './json-report.js';
import { incompleteNote } from './outcome.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1rem 3rem;color:#1b1f24}
header{padding:1rem 1.2rem;margin:1rem 0;border-radius:6px;color:#fff}header.pass{background:#1a7f37}header.fail{background:#cf222e}
header.incomplete{background:#9a6700}header h1{margin:0;font-size:1.6rem}header p{margin:.3rem 0 0}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
table.kv th{background:#f6f8fa;white-space:nowrap}table.grid td{text-align:right}table.grid th{background:#f6f8fa}
tr.none th,tr.none td{color:#8c959f}td.bad{background:#ffebe9}td.zero{background:#fafbfc}
.passed{color:#1a7f37;font-weight:600}.failed{color:#cf222e;font-weight:700}.skipped{color:#8c959f}.not-exercised{color:#9a6700;font-weight:600}.not-offered{color:#8c959f;font-style:italic}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:30rem;margin:0;white-space:pre-wrap;word-break:break-all}
code{font-family:ui-monospace,monospace}.note{color:#57606a}footer{margin-top:2rem;color:#57606a}`;

function summarySection(r: JsonReport): string {
  const secs = r.durationMs / 1000;
  const server = [r.server.name, r.server.version].filter((v) => v !== null).join(' ') || 'not declared';
  return `<section id="summary"><h2>Summary</h2>${keyValueTable([
    ['result', `<span class="${r.passed ? 'passed' : 'failed'}">${esc(verdictOf(r))}</span>`],
    ['server', `${esc(server)} <span class="note">(${esc(r.server.source)}${r.server.header !== null ? `; Server: ${esc(r.server.header)}` : ''})</span>`],
    ['base URL', `<code>${esc(r.baseUrl)}</code>`],
    ['profile', esc(r.profile)],
    ['seed', esc(r.seed)],
    ['runs', `${esc(r.runs)} of ${esc(r.plannedRuns)} (up to ${esc(r.maxCommands)} steps each)${r.interrupted ? ' — stopped at the time limit' : ''}${r.shard ? ` — shard ${esc(r.shard.index)} of ${esc(r.shard.count)} (the profile has ${esc(r.shard.totalRuns)} runs; only the merged shards can certify)` : ''}`],
    ...(r.shards ? [['shards', r.shards.map((sh) => `${esc(sh.index)}/${esc(sh.count)}: ${esc(sh.runs)} of ${esc(sh.plannedRuns)} runs, ${esc(sh.outcome)}`).join('<br>')] as const] : []),
    ['commands', esc(r.commands)],
    ['requests', esc(r.exchanges)],
    ['commands/s', esc(r.commandsPerSecond)],
    ['duration', `${esc(secs.toFixed(1))} s`],
    ['started', esc(r.startedAt)],
    ['contract', `version ${esc(r.contractVersion)}, sha256 <code>${esc(r.contractSha256)}</code>`],
    ['toolkit', esc(r.toolVersion)],
  ])}</section>`;
}

function invariantsSection(r: JsonReport): string {
  const counts = (['passed', 'failed', 'skipped', 'not-exercised', 'not-offered'] as const).map((s) => [s, r.invariants.filter((i) => i.status === s).length] as const).filter(([s, n]) => s !== 'not-offered' || n > 0).map(([s, n]) => `${n} ${s.replace('-', ' ')}`).join(', ');
  const rows = r.invariants.map((i) => `<tr><td class="${esc(i.status)}">${esc(i.status.replace('-', ' '))}</td><th><code>${esc(i.id)}</code></th><td>${esc(i.checks)}</td><td>${esc(i.title)}</td><td>${esc(i.section)}</td></tr>`);
  return `<section id="invariants"><h2>Invariants</h2><p>${esc(counts)}. An invariant checked zero times is <span class="not-exercised">not exercised</span>: the runs never reached it, so it did not pass either; one of a surface the server does not offer (surfaces: ${esc(r.surfaces.join(', '))}) is <span class="not-offered">not offered</span>.</p>`
    + `<table><tr><th>status</th><th>id</th><th>checks</th><th>asserts</th><th>§</th></tr>${rows.join('')}</table></section>`;
}

/** `PASS`, `FAIL` or `PASS (INCOMPLETE: 69 of 400 runs made, time limit)`. */
function verdictOf(r: JsonReport): string {
  return r.outcome === 'failed' ? 'FAIL' : r.outcome === 'incomplete' ? `PASS (INCOMPLETE: ${incompleteNote(r, r.plannedRuns)})` : 'PASS';
}

/** The page's HTML text. */
export function htmlReport(report: JsonReport, files: FailureFiles): string {
  const verdict = verdictOf(report);
  const sub = report.failure ? `invariant ${report.failure.invariant}` : `${report.runs} runs, ${report.commands} commands`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Session API conformance: ${esc(verdict)}</title><style>${CSS}</style></head><body>`,
    `<header class="${report.outcome === 'passed' ? 'pass' : report.outcome === 'failed' ? 'fail' : 'incomplete'}"><h1>Session API conformance: ${esc(verdict)}</h1><p>${esc(sub)} · ${esc(report.baseUrl)}</p></header>`,
    summarySection(report),
    failureSection(report, files),
    invariantsSection(report),
    coverageSection(report),
    `<footer>session-conformance ${esc(report.toolVersion)} · contract ${esc(report.contractVersion)}</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
