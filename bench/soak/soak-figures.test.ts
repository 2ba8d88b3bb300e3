import { describe, expect, it } from 'vitest';
import { readGrowth, slope, writeCost, type PhaseSample } from './soak-figures.js';

const sample = (requests: number, heapUsed: number, arrayBuffers = 0, acceptedWrites = 0): PhaseSample => ({ phase: 'read', requests, heapUsed, arrayBuffers, acceptedWrites, rss: 1, external: 0, gcForced: true });

describe('soak figures', () => {
  it('writeCost divides heap and ArrayBuffer growth by the writes accepted in between', () => {
    expect(writeCost(sample(0, 1_000, 500, 10), sample(50, 3_000, 1_500, 20))).toEqual({ writes: 10, heapBytesPerWrite: 200, offHeapBytesPerWrite: 100, bytesPerWrite: 300 });
    expect(writeCost(sample(0, 1_000), sample(50, 3_000)).bytesPerWrite).toBe(0);
  });

  it('slope is the least-squares fit, not the two ends', () => {
    expect(slope([{ x: 0, y: 0 }, { x: 1, y: 2 }, { x: 2, y: 4 }])).toBe(2);
    // One low reading in the middle does not move a flat line.
    expect(slope([{ x: 0, y: 10 }, { x: 1, y: 0 }, { x: 2, y: 10 }])).toBe(0);
    expect(slope([{ x: 1, y: 5 }])).toBe(0);
  });

  it('readGrowth scales the slope to 100k reads and holds it to the tolerance', () => {
    const flat = readGrowth([sample(0, 100), sample(50_000, 100), sample(100_000, 100)], 1_000);
    expect(flat).toEqual({ reads: 100_000, heapPer100kReads: 0, offHeapPer100kReads: 0, toleranceBytesPer100kReads: 1_000, flat: true });
    const leaking = readGrowth([sample(0, 0, 0), sample(10_000, 10_000, 20)], 1_000);
    expect(leaking).toMatchObject({ reads: 10_000, heapPer100kReads: 100_000, offHeapPer100kReads: 200, flat: false });
    expect(readGrowth([], 1_000).flat).toBe(false);
  });
});
