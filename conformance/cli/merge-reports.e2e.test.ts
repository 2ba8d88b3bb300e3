/**
 * `run --shard i/n` and `merge-reports` on real shard outputs of the built CLI: three shards of one
 * seed make exactly the runs of the unsharded run (same commands and requests, summed), the merged
 * reports say so, a certified merge makes one bundle that `verify` accepts, and shards that do not
 * belong together are refused with exit 2.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../test-support/run-cli.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';

interface Report {
  outcome: string; runs: number; plannedRuns: number; commands: number; exchanges: number; seed: number;
  shard: { index: number; count: number; totalRuns: number } | null;
  shards?: Array<{ index: number; runs: number }>;
  invariants: Array<{ id: string; status: string; checks: number }>;
  coverage: Record<string, number>;
}

let dir: string;
let mock: TestMock;
const read = async (path: string): Promise<Report> => JSON.parse(await readFile(path, 'utf8')) as Report;
const tokens = ['--token', DEMO_TOKENS.owner, '--viewer-token', DEMO_TOKENS.viewer, '--other-tenant-token', DEMO_TOKENS.otherTenant];
const shardDir = (name: string, i: number): string => join(dir, `${name}-${i}`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shards-'));
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs shards 1..3 of `args` (seed 7) into `<name>-<i>`; returns their exit codes. */
async function runShards(name: string, args: string[], seed = 7): Promise<number[]> {
  const ran = await Promise.all([1, 2, 3].map((i) => cli(['run', '--base-url', mock.url, ...tokens, '--seed', String(seed), ...args, '--shard', `${i}/3`, '--report-dir', shardDir(name, i)], {}, undefined, 120_000)));
  return ran.map((r) => r.code);
}

describe('shards and merge-reports', () => {
  test('three shards of one seed merge into exactly the unsharded run, counts summed', async () => {
    const args = ['--profile', 'quick', '--runs', '12', '--max-commands', '10'];
    expect(await runShards('quick', args)).toEqual([0, 0, 0]);
    const whole = await cli(['run', '--base-url', mock.url, ...tokens, '--seed', '7', ...args, '--report-dir', join(dir, 'whole')], {}, undefined, 120_000);
    expect(whole.code, whole.stderr).toBe(0);
    const shards = await Promise.all([1, 2, 3].map((i) => read(join(shardDir('quick', i), 'report.json'))));
    expect(shards.map((s) => [s.shard, s.plannedRuns, s.runs])).toEqual([1, 2, 3].map((index) => [{ index, count: 3, totalRuns: 12 }, 4, 4]));

    const merged = await cli(['merge-reports', ...[1, 2, 3].map((i) => shardDir('quick', i)), '--out', join(dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^PASS {2}12 runs in 3 shards, \d+ commands, \d+ requests, seed 7$/m);
    const report = await read(join(dir, 'merged', 'report.json'));
    const reference = await read(join(dir, 'whole', 'report.json'));
    expect(report).toMatchObject({ outcome: 'passed', runs: 12, plannedRuns: 12, seed: 7, shard: null });
    expect(report.shards?.map((s) => [s.index, s.runs])).toEqual([[1, 4], [2, 4], [3, 4]]);
    // No run made twice or left out: the shards' steps and requests add up to the whole run's.
    expect(report.commands).toBe(shards.reduce((n, s) => n + s.commands, 0));
    expect(report.commands).toBe(reference.commands);
    expect(report.exchanges).toBe(reference.exchanges);
    expect(report.coverage).toEqual(reference.coverage);
    for (const invariant of report.invariants) {
      expect(invariant.checks, invariant.id).toBe(shards.reduce((n, s) => n + (s.invariants.find((i) => i.id === invariant.id)?.checks ?? 0), 0));
      expect(invariant.status, invariant.id).toBe(invariant.checks > 0 ? 'passed' : 'not-exercised');
    }
    expect(await readdir(join(dir, 'merged'))).toEqual(['junit.xml', 'report.html', 'report.json']);
    expect(await readFile(join(dir, 'merged', 'junit.xml'), 'utf8')).toContain('<property name="runs" value="12"/><property name="plannedRuns" value="12"/>');
  }, 240_000);

  test('certified shards merge into one bundle covering every shard, which verify accepts; a shard alone is not certified', async () => {
    // Below the certified budget, so the merged result is incomplete (exit 3), as is every shard.
    expect(await runShards('cert', ['--profile', 'certified', '--runs', '6', '--max-commands', '5'])).toEqual([3, 3, 3]);
    const shardCert = JSON.parse(await readFile(join(shardDir('cert', 2), 'certification', 'certificate.json'), 'utf8')) as Record<string, unknown>;
    expect(shardCert).toMatchObject({ result: 'incomplete', shard: { index: 2, count: 3, totalRuns: 6 }, plannedRuns: 2 });
    const out = join(dir, 'cert-merged');
    const merged = await cli(['merge-reports', ...[3, 1, 2].map((i) => shardDir('cert', i)), '--out', out]);
    expect(merged.code, merged.stderr).toBe(3);
    expect(merged.stdout).toContain('certification: INCOMPLETE — session-mock 0.1.0, 3 shards');
    const bundle = join(out, 'certification');
    expect((await readdir(bundle)).sort()).toEqual([
      'certificate.json', 'junit.xml', 'manifest.json', 'report.html', 'report.json',
      'shard-1-of-3.certificate.json', 'shard-1-of-3.report.json', 'shard-2-of-3.certificate.json', 'shard-2-of-3.report.json', 'shard-3-of-3.certificate.json', 'shard-3-of-3.report.json',
    ]);
    const cert = JSON.parse(await readFile(join(bundle, 'certificate.json'), 'utf8')) as { shards: Array<{ index: number }> } & Record<string, unknown>;
    expect(cert).toMatchObject({ result: 'incomplete', shard: null, runs: 6, plannedRuns: 6, profile: 'certified', seed: 7 });
    expect(cert.shards.map((s) => s.index)).toEqual([1, 2, 3]);
    const verified = await cli(['verify', bundle]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('verify: OK, 10 files match the manifest');
    expect(verified.stdout).toContain('profile certified, 6 runs in 3 shards, seed 7');
  }, 240_000);

  test('1: shards against a broken server merge into the failure of the lowest-numbered failing run, with its trace', async () => {
    const broken = await startMock();
    try {
      const faults = await fetch(`${broken.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ operationId: 'forkSession', status: 500, rate: 1 }] }) });
      expect(faults.status).toBe(200);
      // Shards 2 and 3 fail on their first runs (1 and 2); shard 1 fails on run 0.
      const ran = await Promise.all([3, 2, 1].map((i) => cli(['run', '--base-url', broken.url, ...tokens, '--seed', '7', '--runs', '6', '--shard', `${i}/3`, '--report-dir', shardDir('broken', i)], {}, undefined, 120_000)));
      expect(ran.map((r) => r.code)).toEqual([1, 1, 1]);
    } finally {
      await broken.close();
    }
    const out = join(dir, 'broken-merged');
    const merged = await cli(['merge-reports', ...[2, 3, 1].map((i) => shardDir('broken', i)), '--out', out]);
    expect(merged.code, merged.stderr).toBe(1);
    expect(merged.stdout).toContain('FAIL  invariant contract.no-5xx (shard 1/3)');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { outcome: string; failure: { path: string } };
    expect(report.outcome).toBe('failed');
    expect(report.failure.path).toMatch(/^0(:|$)/);
    expect(await readFile(join(out, 'trace.json'), 'utf8')).toBe(await readFile(join(shardDir('broken', 1), 'trace.json'), 'utf8'));
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'replay.sh', 'report.html', 'report.json', 'trace.json']);
  }, 240_000);

  test('2: shards of different seeds, a missing shard, a duplicate shard, a tampered shard bundle', async () => {
    const quick = [1, 2, 3].map((i) => shardDir('quick', i));
    const other = join(dir, 'other-seed-2');
    const otherRun = await cli(['run', '--base-url', mock.url, ...tokens, '--seed', '8', '--profile', 'quick', '--runs', '12', '--max-commands', '10', '--shard', '2/3', '--report-dir', other], {}, undefined, 120_000);
    expect(otherRun.code, otherRun.stderr).toBe(0);
    const mixed = await cli(['merge-reports', quick[0] as string, other, quick[2] as string, '--out', join(dir, 'x')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`error: merge-reports: the shards are of different seeds: ${quick[0]} has 7, ${other} has 8`);
    const missing = await cli(['merge-reports', quick[0] as string, quick[2] as string, '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: merge-reports: missing shard 2/3: every shard 1..3 must be given once');
    const twice = await cli(['merge-reports', ...quick, quick[1] as string, '--out', join(dir, 'x')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('is given twice');
    const notThere = await cli(['merge-reports', join(dir, 'nowhere'), '--out', join(dir, 'x')]);
    expect(notThere.code).toBe(2);
    expect(notThere.stderr).toContain('error: merge-reports: cannot read');
    // The certified shards of the test above, one of them edited after its run.
    await writeFile(join(shardDir('cert', 1), 'certification', 'junit.xml'), '<testsuites/>\n');
    const tampered = await cli(['merge-reports', ...[1, 2, 3].map((i) => shardDir('cert', i)), '--out', join(dir, 'x')]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain(`error: merge-reports: ${join(shardDir('cert', 1), 'certification')} does not match its manifest: junit.xml: content differs from the manifest`);
  }, 240_000);
});
