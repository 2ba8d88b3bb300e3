// Shape only: timing thresholds do not belong in tests on shared, noisy machines.
import { describe, expect, it } from 'vitest';
import { evaluateTargets } from './evaluate.js';
import { measureForkCost } from './fork-cost.js';
import { percentileOfSorted } from './percentiles.js';

describe('measureForkCost', () => {
  it('reports one row per size, ascending, with finite per-fork figures and ratios', () => {
    // createBatch 10 makes the 25-file session take the create-then-PUT path the 100k size uses.
    const result = measureForkCost({ sizes: [25, 3], forks: 20, warmupForks: 10, batches: 4, createBatch: 10 });
    expect(result.rows.map((r) => r.files)).toEqual([3, 25]);
    for (const row of result.rows) {
      expect(row.forks).toBe(20);
      expect(Number.isFinite(row.microsPerFork) && row.microsPerFork > 0).toBe(true);
      expect(Number.isFinite(row.meanMicrosPerFork) && row.meanMicrosPerFork > 0).toBe(true);
      expect(Number.isFinite(row.bytesPerFork)).toBe(true);
      expect(row.buildMs).toBeGreaterThanOrEqual(0);
    }
    expect(Number.isFinite(result.timeRatio)).toBe(true);
    expect(result.heapRatio === null || Number.isFinite(result.heapRatio)).toBe(true);
    expect(typeof result.gcForced).toBe('boolean');
  });

  it('rejects an empty size list', () => {
    expect(() => measureForkCost({ sizes: [], forks: 1 })).toThrow(/at least one size/);
  });
});

describe('evaluateTargets', () => {
  it('says N/A for what was not measured and PASS/MISS for the rest', () => {
    const fast = { requestsPerSecond: 1000, p50Ms: 1, p99Ms: 2, responses: 4000, non2xx: 0, errors: 0, durationSeconds: 4, cpuMicrosPerRequest: 10, serverCpuShare: 0.9 };
    const slow = { ...fast, requestsPerSecond: 50, cpuMicrosPerRequest: 200 };
    const checks = evaluateTargets({
      detail: { mock: fast, prism: slow, ceiling: null },
      mixed: { mock: slow, prism: fast },
      forkCost: { rows: [], timeRatio: 1.1, heapRatio: null, gcForced: true },
    });
    // req/s: detail, mixed, ceiling; then per CPU second: detail, mixed, ceiling; then fork time and heap.
    expect(checks.map((c) => c.verdict)).toEqual(['PASS', 'MISS', 'N/A', 'PASS', 'MISS', 'N/A', 'PASS', 'N/A']);
    expect(checks[3]?.shown).toBe('20.0×');
  });
});

describe('percentileOfSorted', () => {
  it('uses the nearest rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(sorted, 50)).toBe(50);
    expect(percentileOfSorted(sorted, 99)).toBe(99);
    expect(Number.isNaN(percentileOfSorted(new Float64Array(0), 99))).toBe(true);
  });
});
