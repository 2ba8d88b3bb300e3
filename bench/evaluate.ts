/** The performance targets, checked against measured figures. PASS/MISS only informs. */
import type { ForkCostResult } from './fork-cost.js';
import type { LoadResult } from './run-load.js';

/** The mock must serve at least this many times Prism's requests/s. */
export const MIN_TIMES_PRISM = 10;
/** The mock must reach at least this share of the bare node:http server's requests/s. */
export const MIN_SHARE_OF_CEILING = 0.7;
/** "Flat": the largest workspace's fork costs at most this many times the smallest's. */
export const MAX_FORK_RATIO = 2;

/** One target: what was measured against what was asked. `ratio` is null when a figure is missing. */
export interface TargetCheck {
  readonly target: string;
  readonly ratio: number | null;
  /** How the ratio reads, e.g. `12.3×` or `81%`. */
  readonly shown: string;
  readonly verdict: 'PASS' | 'MISS' | 'N/A';
}

/** Everything the targets need; a null figure is one that could not be measured. */
export interface Figures {
  readonly detail: { readonly mock: LoadResult | null; readonly prism: LoadResult | null; readonly ceiling: LoadResult | null };
  readonly mixed: { readonly mock: LoadResult | null; readonly prism: LoadResult | null };
  readonly forkCost: ForkCostResult | null;
}

function rps(a: LoadResult | null, b: LoadResult | null): number | null {
  return a && b && b.requestsPerSecond > 0 ? a.requestsPerSecond / b.requestsPerSecond : null;
}

/**
 * How many requests `a` serves per CPU second relative to `b`: the requests/s ratio the two would
 * show if each had a core to itself and the load generator were never the limit.
 */
function capacity(a: LoadResult | null, b: LoadResult | null): number | null {
  const ours = a?.cpuMicrosPerRequest ?? null;
  const theirs = b?.cpuMicrosPerRequest ?? null;
  return ours !== null && theirs !== null && ours > 0 ? theirs / ours : null;
}

function check(target: string, ratio: number | null, pass: (r: number) => boolean, show: (r: number) => string): TargetCheck {
  if (ratio === null) return { target, ratio, shown: '-', verdict: 'N/A' };
  return { target, ratio, shown: show(ratio), verdict: pass(ratio) ? 'PASS' : 'MISS' };
}

const times = (r: number): string => `${r.toFixed(r < 10 ? 2 : 1)}×`;
const percent = (r: number): string => `${(r * 100).toFixed(0)}%`;

/** Ratios and verdicts for every target of the issue. */
export function evaluateTargets(figures: Figures): TargetCheck[] {
  const fork = figures.forkCost;
  return [
    check(`session detail: mock ≥ ${MIN_TIMES_PRISM}× Prism req/s`, rps(figures.detail.mock, figures.detail.prism), (r) => r >= MIN_TIMES_PRISM, times),
    check(`mixed workload: mock ≥ ${MIN_TIMES_PRISM}× Prism req/s`, rps(figures.mixed.mock, figures.mixed.prism), (r) => r >= MIN_TIMES_PRISM, times),
    check(`session detail: mock ≥ ${percent(MIN_SHARE_OF_CEILING)} of node:http req/s`, rps(figures.detail.mock, figures.detail.ceiling), (r) => r >= MIN_SHARE_OF_CEILING, percent),
    check(`session detail: mock ≥ ${MIN_TIMES_PRISM}× Prism requests per CPU second`, capacity(figures.detail.mock, figures.detail.prism), (r) => r >= MIN_TIMES_PRISM, times),
    check(`mixed workload: mock ≥ ${MIN_TIMES_PRISM}× Prism requests per CPU second`, capacity(figures.mixed.mock, figures.mixed.prism), (r) => r >= MIN_TIMES_PRISM, times),
    check(`session detail: mock ≥ ${percent(MIN_SHARE_OF_CEILING)} of node:http requests per CPU second`, capacity(figures.detail.mock, figures.detail.ceiling), (r) => r >= MIN_SHARE_OF_CEILING, percent),
    check(`fork time flat: largest/smallest ≤ ${MAX_FORK_RATIO}×`, fork ? fork.timeRatio : null, (r) => r <= MAX_FORK_RATIO, times),
    check(`fork heap flat: largest/smallest ≤ ${MAX_FORK_RATIO}×`, fork ? fork.heapRatio : null, (r) => r <= MAX_FORK_RATIO, times),
  ];
}
