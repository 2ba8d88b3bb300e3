/**
 * JUnit XML: one test case per invariant (passed, failed or skipped), so CI dashboards show
 * which rule broke.
 */
import { INVARIANTS } from '../invariants/catalogue.js';
import type { SuiteResult } from '../mbt/run-suite.js';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XML text. `enabled` are the enforced invariant ids. */
export function junitXml(result: SuiteResult, enabled: ReadonlySet<string>): string {
  const failed = result.failure?.violation.invariant ?? null;
  const cases = INVARIANTS.map((info) => {
    const open = `    <testcase classname="session-conformance" name="${esc(info.id)}" time="0">`;
    if (!enabled.has(info.id)) return `${open}<skipped message="not selected"/></testcase>`;
    if (failed !== info.id || !result.failure) return `${open}</testcase>`;
    const f = result.failure;
    const body = [f.violation.message, '', 'steps:', ...f.steps.map((s, i) => `  ${i + 1}. ${s}`), '', `seed: ${f.seed}  path: ${f.path ?? ''}`].join('\n');
    return `${open}\n      <failure message="${esc(f.violation.message)}" type="${esc(info.id)}">${esc(body)}</failure>\n    </testcase>`;
  });
  if (failed === 'error' && result.failure) {
    cases.push(`    <testcase classname="session-conformance" name="error" time="0">\n      <error message="${esc(result.failure.violation.message)}"/>\n    </testcase>`);
  }
  const failures = result.passed ? 0 : 1;
  const skipped = INVARIANTS.filter((i) => !enabled.has(i.id)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="session-conformance" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
