/**
 * An incomplete run never reads as a plain pass, and an invariant checked zero times never reads
 * as passed: the result line, report.json, JUnit, the exit code and the catalogue digest.
 */
import { describe, expect, test } from 'vitest';
import { exitCode } from '../cli/exit-code.js';
import { formatResult } from '../cli/format-result.js';
import { planRun } from '../cli/run-plan.js';
import { catalogueDigest, compareCatalogues } from '../invariants/catalogue-digest.js';
import { INVARIANTS } from '../invariants/catalogue.js';
import { InvariantSelection } from '../invariants/selection.js';
import { InvariantViolation, SkippedViolation } from '../invariants/violation.js';
import type { SuiteResult } from '../mbt/run-suite.js';
import { jsonReport, type ReportMeta } from './json-report.js';
import { junitXml } from './junit-xml.js';
import { runOutcome } from './outcome.js';

const meta: ReportMeta = {
  baseUrl: 'http://127.0.0.1:1', profile: 'ci', contractVersion: '1.0.0', contractSha256: 'ab'.repeat(32), toolVersion: '0.1.0',
  server: { name: 'acme', version: '2.0', source: 'server-header', header: 'acme/2.0' },
  startedAt: '2026-01-01T00:00:00.000Z', plannedRuns: 400, maxCommands: 30, operationIds: ['createSession'],
};
const everyId = INVARIANTS.map((i) => i.id);
const checkedAll = new Map(everyId.map((id) => [id, 3]));
const result = (over: Partial<SuiteResult>): SuiteResult => ({
  passed: true, seed: 9, runs: 400, plannedRuns: 400, commands: 1000, exchanges: 9000, durationMs: 10_000, interrupted: false, coverage: new Map(), checks: checkedAll, failure: null, ...over,
});

describe('incomplete runs', () => {
  const cut = result({ runs: 69, interrupted: true });

  test('the outcome is incomplete when fewer runs than planned were made, failed on a violation', () => {
    expect(runOutcome(result({}), 400)).toBe('passed');
    expect(runOutcome(cut, 400)).toBe('incomplete');
    expect(runOutcome(result({ runs: 399 }), 400)).toBe('incomplete');
    expect(runOutcome(result({ passed: false, runs: 3 }), 400)).toBe('failed');
  });

  test('the result line, report.json and junit.xml say how many of the planned runs were made', () => {
    const enabled = new Set(everyId);
    expect(formatResult(cut, 'http://x', { plannedRuns: 400, enabled })[0]).toMatch(/^PASS \(INCOMPLETE: 69 of 400 runs made, time limit\) {2}69 runs, /);
    expect(formatResult(result({}), 'http://x', { plannedRuns: 400, enabled })[0]).toMatch(/^PASS {2}400 runs, /);
    const report = jsonReport(cut, enabled, meta);
    expect(report).toMatchObject({ outcome: 'incomplete', passed: true, runs: 69, plannedRuns: 400, interrupted: true, shard: null });
    const xml = junitXml(report);
    expect(xml).toContain('<property name="outcome" value="incomplete"/><property name="runs" value="69"/><property name="plannedRuns" value="400"/>');
    expect(xml).toContain('<testcase classname="session-conformance" name="runs-complete" time="0"><skipped message="INCOMPLETE: 69 of 400 runs made, time limit"/></testcase>');
    expect(junitXml(jsonReport(result({}), enabled, meta))).not.toContain('runs-complete');
  });

  test('exit 3 for an incomplete certified run, or any incomplete run with --require-complete; else 0', () => {
    expect(exitCode({ outcome: 'incomplete', certificate: null, requireComplete: false })).toBe(0);
    expect(exitCode({ outcome: 'incomplete', certificate: null, requireComplete: true })).toBe(3);
    expect(exitCode({ outcome: 'passed', certificate: 'incomplete', requireComplete: true })).toBe(3);
    expect(exitCode({ outcome: 'passed', certificate: 'certified', requireComplete: true })).toBe(0);
    expect(exitCode({ outcome: 'passed', certificate: 'shard', requireComplete: true })).toBe(0);
    expect(exitCode({ outcome: 'failed', certificate: 'failed', requireComplete: true })).toBe(1);
    expect(exitCode({ outcome: 'error', certificate: null, requireComplete: false })).toBe(2);
  });
});

describe('check counts', () => {
  test('every expect and violate counts one check of its invariant, enforced or not', () => {
    const sel = new InvariantSelection([], ['merge.*']);
    sel.expect(true, 'model.status', 'ok');
    sel.expect(true, 'model.status', 'ok');
    expect(() => sel.expect(false, 'list.complete', 'bad')).toThrow(InvariantViolation);
    expect(() => sel.violate('merge.soundness', 'bad')).toThrow(SkippedViolation);
    sel.count('contract.no-5xx', 5);
    expect(Object.fromEntries(sel.checkCounts())).toEqual({ 'model.status': 2, 'list.complete': 1, 'merge.soundness': 1, 'contract.no-5xx': 5 });
  });

  test('an enforced invariant checked zero times is "not exercised" in the result line, JSON and JUnit, never passed', () => {
    const enabled = new Set(everyId.filter((id) => id !== 'merge.soundness'));
    const checks = new Map([['model.status', 4], ['merge.soundness', 2]]);
    const short = result({ runs: 1, checks });
    const report = jsonReport(short, enabled, { ...meta, plannedRuns: 1 });
    const status = Object.fromEntries(report.invariants.map((i) => [i.id, [i.status, i.checks]]));
    expect(status['model.status']).toEqual(['passed', 4]);
    expect(status['merge.soundness']).toEqual(['skipped', 2]);
    expect(status['list.complete']).toEqual(['not-exercised', 0]);
    expect(report.invariants.filter((i) => i.status === 'passed')).toHaveLength(1);
    const xml = junitXml(report);
    expect(xml).toContain('name="list.complete" time="0"><skipped message="not exercised: checked 0 times"/>');
    expect(xml).toContain('name="model.status" time="0"><properties><property name="checks" value="4"/></properties></testcase>');
    const lines = formatResult(short, 'http://x', { plannedRuns: 1, enabled });
    expect(lines[1]).toMatch(/^ {2}not exercised \(checked 0 times, so not passed either\): contract\.no-5xx, .*list\.complete/);
    expect(lines[1]).not.toContain('model.status');
  });
});

describe('catalogue digest', () => {
  test('names every id and changes with any entry; a comparison says what differs', () => {
    const here = catalogueDigest();
    expect(here.ids).toEqual(everyId);
    expect(here.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(compareCatalogues(here, catalogueDigest()).same).toBe(true);
    const older = catalogueDigest(INVARIANTS.filter((i) => i.id !== 'idempotency.replay'));
    expect(compareCatalogues(older, here)).toEqual({ same: false, line: expect.stringContaining('this toolkit adds idempotency.replay') as unknown });
    const reworded = catalogueDigest(INVARIANTS.map((i) => (i.id === 'model.status' ? { ...i, title: 'x' } : i)));
    expect(reworded.sha256).not.toBe(here.sha256);
    expect(compareCatalogues(reworded, here).line).toContain('the same ids, reworded or re-sectioned statements');
  });
});

describe('--shard and --require-complete in the run plan', () => {
  const base = { profile: 'quick' as const, only: [], skip: [] };
  test('a shard plans its share of the runs; a bad shard is a usage error', () => {
    expect(planRun({ ...base, seed: 1, runs: 12, shard: '2/3' })).toMatchObject({ runs: 12, plannedRuns: 4, shard: { index: 2, count: 3 } });
    expect(planRun({ ...base, seed: 1, runs: 10, shard: '1/3' })).toMatchObject({ plannedRuns: 4 });
    expect(planRun({ ...base })).toMatchObject({ runs: 25, plannedRuns: 25, shard: null });
    expect(planRun({ ...base, seed: 1, shard: '4/3' })).toEqual({ usage: expect.stringContaining('--shard must be i/n') as unknown });
    expect(planRun({ ...base, seed: 1, shard: '0/3' })).toEqual({ usage: expect.stringContaining('--shard must be i/n') as unknown });
    expect(planRun({ ...base, shard: '1/3' })).toEqual({ usage: '--shard needs --seed: every shard of a run must use the same seed' });
    expect(planRun({ ...base, seed: 1, runs: 2, shard: '1/3' })).toEqual({ usage: '--shard 1/3: more shards than the 2 runs' });
    expect(planRun({ ...base, seed: 1, shard: '1/3', path: '4:1' })).toEqual({ usage: expect.stringContaining('leave out --shard') as unknown });
  });
});
