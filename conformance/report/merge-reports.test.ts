/** Merging shard reports: sums, the lowest-numbered failing run, and every refusal. */
import { describe, expect, test } from 'vitest';
import { shardRunCount } from '../cli/shard.js';
import { INVARIANTS } from '../invariants/catalogue.js';
import type { SuiteResult } from '../mbt/run-suite.js';
import { htmlReport } from './html-report.js';
import { jsonReport, type JsonReport, type ReportMeta } from './json-report.js';
import { junitXml } from './junit-xml.js';
import { mergeShardReports } from './merge-reports.js';

const meta: ReportMeta = {
  baseUrl: 'https://api.example', profile: 'ci', contractVersion: '1.0.0', contractSha256: 'ab'.repeat(32), toolVersion: '0.1.0',
  server: { name: 'acme', version: '2.0', source: 'server-header', header: 'acme/2.0' },
  startedAt: '2026-01-01T00:00:00.000Z', plannedRuns: 0, maxCommands: 30, operationIds: ['createSession', 'getSession'],
};
const enabled = new Set(INVARIANTS.map((i) => i.id));

function shard(index: number, count: number, over: Partial<SuiteResult> = {}, metaOver: Partial<ReportMeta> = {}): JsonReport {
  const planned = shardRunCount(12, { index, count });
  const result: SuiteResult = {
    passed: true, seed: 5, runs: planned, plannedRuns: planned, commands: 10 * index, exchanges: 100 * index, durationMs: 1000, interrupted: false,
    coverage: new Map([['createSession 201', index]]), checks: new Map([['model.status', index], ['list.complete', index === 2 ? 1 : 0]]), failure: null, ...over,
  };
  return jsonReport(result, enabled, { ...meta, plannedRuns: planned, shard: { index, count, totalRuns: 12 }, startedAt: `2026-01-01T00:00:0${index}.000Z`, ...metaOver });
}

const failure = (run: number, invariant: 'list.complete' | 'merge.soundness'): SuiteResult['failure'] => ({ violation: { invariant, message: `run ${run}` }, steps: ['create()'], seed: 5, path: `${run}:0:1`, trace: [], numShrinks: 2 });

describe('merge-reports', () => {
  test('sums runs, commands, requests, check counts and coverage; the whole profile is planned', () => {
    const merged = mergeShardReports([shard(3, 3), shard(1, 3), shard(2, 3)]);
    if ('refusal' in merged) throw new Error(merged.refusal);
    const r = merged.report;
    expect(r).toMatchObject({ outcome: 'passed', passed: true, runs: 12, plannedRuns: 12, commands: 60, exchanges: 600, durationMs: 3000, shard: null, startedAt: '2026-01-01T00:00:01.000Z', failure: null });
    expect(r.shards?.map((s) => [s.index, s.runs])).toEqual([[1, 4], [2, 4], [3, 4]]);
    expect(r.invariants.find((i) => i.id === 'model.status')).toMatchObject({ status: 'passed', checks: 6 });
    // Checked by one shard only: exercised in the merged run.
    expect(r.invariants.find((i) => i.id === 'list.complete')).toMatchObject({ status: 'passed', checks: 1 });
    expect(r.invariants.find((i) => i.id === 'merge.soundness')).toMatchObject({ status: 'not-exercised', checks: 0 });
    expect(r.coverage).toEqual({ 'createSession 201': 6 });
    expect(r.coverageTable.rows.map((row) => [row.operationId, row.total])).toEqual([['createSession', 6], ['getSession', 0]]);
    expect(htmlReport(r, { trace: null, replayScript: null, curlScript: null })).toContain('<th>shards</th><td>1/3: 4 of 4 runs, passed<br>2/3: 4 of 4 runs, passed<br>3/3: 4 of 4 runs, passed</td>');
    expect(junitXml(r)).toContain('<property name="shards" value="3"/>');
  });

  test('the failure is that of the lowest-numbered failing run across shards; one incomplete shard makes it incomplete', () => {
    const failed = mergeShardReports([shard(1, 3, { passed: false, runs: 3, failure: failure(9, 'merge.soundness') }), shard(2, 3), shard(3, 3, { passed: false, runs: 2, failure: failure(5, 'list.complete') })]);
    if ('refusal' in failed) throw new Error(failed.refusal);
    expect(failed.failingShard).toBe(3);
    expect(failed.report).toMatchObject({ outcome: 'failed', passed: false, failure: { invariant: 'list.complete', path: '5:0:1' } });
    expect(failed.report.invariants.find((i) => i.id === 'list.complete')?.status).toBe('failed');
    const cut = mergeShardReports([shard(1, 2), shard(2, 2, { runs: 2, interrupted: true })]);
    if ('refusal' in cut) throw new Error(cut.refusal);
    expect(cut.report).toMatchObject({ outcome: 'incomplete', runs: 8, plannedRuns: 12, interrupted: true });
  });

  test.each([
    ['mixed seeds', [shard(1, 2), shard(2, 2, { seed: 6 })], 'the shards are of different seeds: a has 5, b has 6'],
    ['mixed profiles', [shard(1, 2), shard(2, 2, {}, { profile: 'certified' })], 'different profiles'],
    ['mixed contracts', [shard(1, 2), shard(2, 2, {}, { contractSha256: 'cd'.repeat(32) })], 'different contract sha256s'],
    ['mixed base URLs', [shard(1, 2), shard(2, 2, {}, { baseUrl: 'https://other.example' })], 'different base URLs'],
    ['mixed server names', [shard(1, 2), shard(2, 2, {}, { server: { ...meta.server, name: 'other' } })], 'different declared server names'],
    ['mixed server versions', [shard(1, 2), shard(2, 2, {}, { server: { ...meta.server, version: '2.1' } })], 'different declared server versions'],
    ['mixed shard counts', [shard(1, 2), shard(2, 3)], 'different shard counts'],
    ['a duplicate shard', [shard(1, 2), shard(1, 2)], 'shard 1/2 is given twice: a and b'],
    ['a missing shard', [shard(1, 3), shard(3, 3)], 'missing shard 2/3: every shard 1..3 must be given once'],
    ['a whole run', [shard(1, 2), { ...shard(2, 2), shard: null }], 'b is not a shard\'s report'],
    ['a wrong share', [shard(1, 2), { ...shard(2, 2), plannedRuns: 5 }], 'b: shard 2/2 planned 5 runs, not its share of 12'],
  ])('refuses %s', (_name, reports, message) => {
    const merged = mergeShardReports(reports, ['a', 'b']);
    expect(merged).toEqual({ refusal: expect.stringContaining(message) as unknown });
  });

  test('embedded mocks listen on fresh ports: their URLs do not count, but mixing one with a --base-url does', () => {
    const embedded = (index: number, port: number): JsonReport => shard(index, 2, {}, { embeddedMock: true, baseUrl: `http://127.0.0.1:${port}` });
    expect('report' in mergeShardReports([embedded(1, 4000), embedded(2, 4001)])).toBe(true);
    expect(mergeShardReports([embedded(1, 4000), shard(2, 2)], ['a', 'b'])).toEqual({ refusal: expect.stringContaining('different targets') as unknown });
  });
});
