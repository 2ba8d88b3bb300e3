/**
 * JUnit XML: one test case per invariant (passed, failed or skipped; an enforced invariant checked
 * zero times is skipped as "not exercised"), so CI dashboards show which rule broke. Suite
 * properties say how many of the planned runs were made; an incomplete run adds a skipped
 * `runs-complete` case saying so.
 */
import type { JsonReport } from './json-report.js';
import { incompleteNote } from './outcome.js';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XML text of a report (a run's, or merged shards'). */
export function junitXml(report: JsonReport): string {
  const f = report.failure;
  const cases = report.invariants.map((info) => {
    const open = `    <testcase classname="session-conformance" name="${esc(info.id)}" time="0">`;
    const checks = `<properties><property name="checks" value="${info.checks}"/></properties>`;
    if (info.status === 'skipped') return `${open}<skipped message="not selected"/></testcase>`;
    if (info.status === 'not-exercised') return `${open}<skipped message="not exercised: checked 0 times"/></testcase>`;
    if (info.status === 'not-offered') return `${open}<skipped message="not offered: the server does not serve this optional surface (501)"/></testcase>`;
    if (info.status !== 'failed' || !f) return `${open}${checks}</testcase>`;
    const body = [f.message, '', 'steps:', ...f.steps.map((s, i) => `  ${i + 1}. ${s}`), '', `seed: ${f.seed}  path: ${f.path ?? ''}`].join('\n');
    return `${open}${checks}\n      <failure message="${esc(f.message)}" type="${esc(info.id)}">${esc(body)}</failure>\n    </testcase>`;
  });
  if (f?.invariant === 'error') {
    cases.push(`    <testcase classname="session-conformance" name="error" time="0">\n      <error message="${esc(f.message)}"/>\n    </testcase>`);
  }
  if (report.outcome === 'incomplete') {
    cases.push(`    <testcase classname="session-conformance" name="runs-complete" time="0"><skipped message="INCOMPLETE: ${esc(incompleteNote(report, report.plannedRuns))}"/></testcase>`);
  }
  const failures = report.passed ? 0 : 1;
  const skipped = cases.filter((c) => c.includes('<skipped ')).length;
  const props = [['outcome', report.outcome], ['runs', report.runs], ['plannedRuns', report.plannedRuns], ['interrupted', report.interrupted], ['seed', report.seed], ['profile', report.profile]];
  if (report.shard) props.push(['shard', `${report.shard.index}/${report.shard.count}`]);
  if (report.shards) props.push(['shards', report.shards.length]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="session-conformance" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `    <properties>${props.map(([k, v]) => `<property name="${esc(String(k))}" value="${esc(String(v))}"/>`).join('')}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
