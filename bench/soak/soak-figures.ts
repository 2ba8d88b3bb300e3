/**
 * The soak bench's arithmetic, apart from any server so that tests can check it on made-up
 * samples: bytes kept per accepted write, heap growth per 100k reads, and the verdict.
 */
import type { MemorySample } from './soak-child.js';

/** A memory sample taken after `requests` requests of a phase. */
export interface PhaseSample extends MemorySample {
  readonly phase: 'start' | 'mixed' | 'read' | 'reset';
  /** Requests answered in this phase so far. */
  readonly requests: number;
  /** Writes accepted (2xx) since the mock started. */
  readonly acceptedWrites: number;
}

/** What the mixed phase kept, per accepted write. */
export interface WriteCost {
  /** Accepted writes between the two samples the figures are taken from. */
  readonly writes: number;
  readonly heapBytesPerWrite: number;
  /** ArrayBuffer growth per write: the change log's packed records, file bytes, list summaries. */
  readonly offHeapBytesPerWrite: number;
  /** Heap plus off-heap growth per write. */
  readonly bytesPerWrite: number;
}

/**
 * Growth from `from` to `to` over the writes accepted in between. The mixed phase's figures are
 * taken from its first sample on, so what the first requests compile and warm (code, inline
 * caches) does not count as kept per write; the growth since the start is reported beside it.
 */
export function writeCost(from: PhaseSample, to: PhaseSample): WriteCost {
  const writes = to.acceptedWrites - from.acceptedWrites;
  const heap = to.heapUsed - from.heapUsed;
  const offHeap = to.arrayBuffers - from.arrayBuffers;
  const per = (bytes: number): number => (writes > 0 ? bytes / writes : 0);
  return { writes, heapBytesPerWrite: per(heap), offHeapBytesPerWrite: per(offHeap), bytesPerWrite: per(heap + offHeap) };
}

/**
 * Least-squares slope of `y` over `x`; 0 with fewer than two distinct x. Over every sample of a
 * phase rather than its two ends, so one collection that happened to free a little more or less
 * moves the figure by a share of its size, not all of it.
 */
export function slope(points: readonly { readonly x: number; readonly y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** How the heap moved over the measured part of the read-only phase. */
export interface ReadGrowth {
  /** Reads between the first and the last measured sample. */
  readonly reads: number;
  /** Heap growth per 100,000 reads (slope over the samples); must stay within the tolerance. */
  readonly heapPer100kReads: number;
  /** ArrayBuffer growth per 100,000 reads, reported beside it. */
  readonly offHeapPer100kReads: number;
  readonly toleranceBytesPer100kReads: number;
  readonly flat: boolean;
}

/** The read phase's growth from its measured samples (taken after its warm-up reads). */
export function readGrowth(samples: readonly PhaseSample[], toleranceBytesPer100kReads: number): ReadGrowth {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const reads = first && last ? last.requests - first.requests : 0;
  const per100k = (pick: (s: PhaseSample) => number): number => slope(samples.map((s) => ({ x: s.requests, y: pick(s) }))) * 100_000;
  const heapPer100kReads = per100k((s) => s.heapUsed);
  return {
    reads,
    heapPer100kReads,
    offHeapPer100kReads: per100k((s) => s.arrayBuffers),
    toleranceBytesPer100kReads,
    flat: reads > 0 && heapPer100kReads <= toleranceBytesPer100kReads,
  };
}
