// A small fixed soak run against the built mock (npm test builds first): the report's shape and
// its arithmetic, and a read-only phase flat within a generous tolerance. The tolerance is 8 MiB
// per 100k reads (80 B a read): forced-GC heaps wobble by a few hundred KB here, so a tight bound
// over 20k measured reads would flake, while a per-request leak (a kept log entry or response body) is
// hundreds of bytes a read and still fails it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESET_TOLERANCE_BYTES, runSoak, soakProblems, type SoakResult } from './soak.js';
import { formatSoakReport, soakExitCode } from './soak-report.js';

const entry = fileURLToPath(new URL('../../dist/bench/soak/soak-server.js', import.meta.url));
const TOLERANCE = 8 * 1024 * 1024;
let result: SoakResult;

beforeAll(async () => {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  result = await runSoak({ requests: 20_000, reads: 30_000, seed: 7, sampleEvery: 5_000, connections: 10, toleranceBytesPer100kReads: TOLERANCE, serverEntry: entry });
}, 180_000);

describe('runSoak (20k mixed requests, 30k reads)', () => {
  it('samples the start, every 5k requests of each phase, and the read phase after its warm-up', () => {
    expect(result.samples.map((s) => `${s.phase}@${s.requests}`)).toEqual([
      'start@0',
      'mixed@5000',
      'mixed@10000',
      'mixed@15000',
      'mixed@20000',
      'read@0',
      'read@5000',
      'read@10000',
      'read@15000',
      'read@20000',
      'reset@0',
    ]);
    expect(result.gcForced).toBe(true);
    expect(result.where).toMatch(/child process/);
    for (const s of result.samples) expect(s.rss > 0 && s.heapUsed > 0 && s.arrayBuffers >= 0).toBe(true);
  });

  it('answers every request 2xx and counts the writes (3 of each 5-request cycle) as accepted', () => {
    expect(result.mixed).toMatchObject({ responses: 20_000, non2xx: 0, errors: 0, rejectedWrites: 0 });
    // A chunk may end a connection mid-cycle, so about, not exactly, 3 in 5.
    expect(Math.abs(result.mixed.acceptedWrites - 12_000)).toBeLessThanOrEqual(200);
    expect(result.read).toMatchObject({ responses: 30_000, non2xx: 0, errors: 0, warmupReads: 10_000 });
    // Reads write nothing.
    expect(result.samples.filter((s) => s.phase === 'read').every((s) => s.acceptedWrites === result.mixed.acceptedWrites)).toBe(true);
  });

  it('derives bytes per write from the samples it reports: growth after the first mixed sample over the writes since', () => {
    const mixed = result.samples.filter((s) => s.phase === 'mixed');
    const [first, last] = [mixed[0]!, mixed[mixed.length - 1]!];
    const { cost } = result.mixed;
    expect(cost.writes).toBe(last.acceptedWrites - first.acceptedWrites);
    expect(cost.heapBytesPerWrite).toBeCloseTo((last.heapUsed - first.heapUsed) / cost.writes, 6);
    expect(cost.offHeapBytesPerWrite).toBeCloseTo((last.arrayBuffers - first.arrayBuffers) / cost.writes, 6);
    // Every accepted write is kept (the change log at least): the cost cannot be nothing.
    expect(cost.offHeapBytesPerWrite).toBeGreaterThan(0);
    expect(cost.bytesPerWrite).toBeGreaterThan(0);
  });

  it('keeps the heap flat on the read-only phase, within 8 MiB per 100k reads (generous: see the top of this file)', () => {
    expect(result.read.growth).toMatchObject({ reads: 20_000, toleranceBytesPer100kReads: TOLERANCE });
    expect(result.read.growth.heapPer100kReads).toBeLessThanOrEqual(TOLERANCE);
    expect(result.read.growth.flat).toBe(true);
  });

  it('frees what the run kept on POST /__admin/reset: back within 16 MiB of the start', () => {
    expect(result.afterReset.status).toBe(204);
    const reset = result.samples[result.samples.length - 1]!;
    const start = result.samples[0]!;
    expect(result.afterReset.heapAboveStart).toBe(reset.heapUsed - start.heapUsed);
    expect(result.afterReset.heapAboveStart + result.afterReset.offHeapAboveStart).toBeLessThanOrEqual(RESET_TOLERANCE_BYTES);
  });

  it('passes, exits 0, and prints the table, the per-write figure and the verdict', () => {
    expect(soakProblems(result)).toEqual([]);
    expect(soakExitCode(result)).toBe(0);
    const report = formatSoakReport(result);
    expect(report).toMatch(/mock in a child process/);
    expect(report).toMatch(/Kept per accepted write: [\d,]+ B/);
    expect(report).toMatch(/per 100k reads .*: PASS/);
    expect(report.trimEnd().endsWith('Result: PASS')).toBe(true);
  });

  it('fails (exit 1) when the read phase grew past its tolerance or a request failed', () => {
    const grown: SoakResult = { ...result, read: { ...result.read, growth: { ...result.read.growth, heapPer100kReads: TOLERANCE + 1, flat: false } } };
    expect(soakExitCode(grown)).toBe(1);
    expect(formatSoakReport(grown)).toMatch(/Result: FAIL\n {2}- read phase: heap grew/);
    expect(soakExitCode({ ...result, mixed: { ...result.mixed, non2xx: 1 } })).toBe(1);
    expect(soakProblems({ ...result, afterReset: { ...result.afterReset, heapAboveStart: RESET_TOLERANCE_BYTES + 1 } })).toEqual([expect.stringMatching(/after a reset the mock still held/)]);
  });
});
