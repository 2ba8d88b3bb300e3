/** Latency percentiles over raw samples (nearest rank), at full float precision. */

/** p50 and p99 of `samples`, in the samples' unit; NaN for no samples. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
}

/** The nearest-rank percentile `p` (0–100) of an ascending array; NaN when it is empty. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Sorts a copy of `samples` and reads p50 and p99 off it. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentileOfSorted(sorted, 50), p99: percentileOfSorted(sorted, 99) };
}
