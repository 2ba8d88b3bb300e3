/**
 * Bounded load runs with autocannon's programmatic API. autocannon's own histogram keeps whole
 * milliseconds, too coarse for sub-millisecond servers, so p50/p99 come from the per-response times
 * autocannon reports (its `response` event, measured with `process.hrtime`).
 */
import autocannon from 'autocannon';
import { summarizeLatencies } from './percentiles.js';

/** One target under one workload. */
export interface LoadTarget {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** A fresh request sequence per run (autocannon annotates the objects it is given). */
  readonly requests: () => autocannon.Request[];
  readonly connections: number;
}

/** The raw outcome of one run; several are combined by {@link summarizeRuns}. */
export interface LoadRun {
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly durationSeconds: number;
  /** Response times in ms, one per response. */
  readonly latencies: readonly number[];
}

/** The figures of one target, over all of its measured runs. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses received in the measured runs. */
  readonly responses: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly durationSeconds: number;
}

function cannon(options: autocannon.Options, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error instanceof Error) reject(error);
      else if (error) reject(new Error(`autocannon failed: ${JSON.stringify(error)}`));
      else resolve(result);
    });
    if (onLatency) instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

/** Loads `target` for `seconds` and returns what happened. */
export async function runLoad(target: LoadTarget, seconds: number): Promise<LoadRun> {
  const latencies: number[] = [];
  const result = await cannon({ url: target.url, connections: target.connections, pipelining: 1, duration: seconds, requests: target.requests() }, (ms) => latencies.push(ms));
  return { responses: result.requests.total, non2xx: result.non2xx, errors: result.errors, durationSeconds: result.duration, latencies };
}

/** Loads `target` for `seconds` and throws the figures away: JIT, caches and sockets get warm. */
export async function warmUp(target: LoadTarget, seconds: number): Promise<void> {
  await cannon({ url: target.url, connections: target.connections, pipelining: 1, duration: seconds, requests: target.requests() });
}

/** Requests/s over the summed durations, and percentiles over every response of every run. */
export function summarizeRuns(runs: readonly LoadRun[]): LoadResult {
  const sum = (pick: (run: LoadRun) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  const durationSeconds = sum((r) => r.durationSeconds);
  const { p50, p99 } = summarizeLatencies(runs.flatMap((r) => r.latencies));
  return {
    requestsPerSecond: durationSeconds > 0 ? sum((r) => r.responses) / durationSeconds : 0,
    p50Ms: p50,
    p99Ms: p99,
    responses: sum((r) => r.responses),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    durationSeconds,
  };
}
