/**
 * Bounded load runs with autocannon's programmatic API. autocannon's own histogram keeps whole
 * milliseconds, too coarse for sub-millisecond servers, so p50/p99 come from the per-response times
 * autocannon reports (its `response` event, measured with `process.hrtime`).
 */
import autocannon from 'autocannon';
import { summarizeLatencies } from './percentiles.js';
import { processCpuMs } from './process-cpu.js';

/** One target under one workload. */
export interface LoadTarget {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** A fresh request sequence per run (autocannon annotates the objects it is given). */
  readonly requests: () => autocannon.Request[];
  readonly connections: number;
  /** The server's process, to measure the CPU time it spends; unknown when absent. */
  readonly pid?: number;
  /** Requests per second over all connections; absent: as fast as the server answers. */
  readonly overallRate?: number;
}

/** The raw outcome of one run; several are combined by {@link summarizeRuns}. */
export interface LoadRun {
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly durationSeconds: number;
  /** Response times in ms, one per response. */
  readonly latencies: readonly number[];
  /** CPU time the server process used during the run; `null` when it could not be read. */
  readonly serverCpuMs: number | null;
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
  /** Server CPU time per response: what one request costs the server, whatever capped the rate. */
  readonly cpuMicrosPerRequest: number | null;
  /** Share of one CPU the server used while loaded (1 = a whole core). */
  readonly serverCpuShare: number | null;
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
  const cpuBefore = processCpuMs(target.pid);
  const rate = target.overallRate === undefined ? {} : { overallRate: target.overallRate };
  const result = await cannon({ url: target.url, connections: target.connections, pipelining: 1, duration: seconds, requests: target.requests(), ...rate }, (ms) => latencies.push(ms));
  const cpuAfter = processCpuMs(target.pid);
  const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { responses: result.requests.total, non2xx: result.non2xx, errors: result.errors, durationSeconds: result.duration, latencies, serverCpuMs };
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
  const responses = sum((r) => r.responses);
  const cpuMs = runs.length > 0 && runs.every((r) => r.serverCpuMs !== null) ? sum((r) => r.serverCpuMs ?? 0) : null;
  return {
    requestsPerSecond: durationSeconds > 0 ? responses / durationSeconds : 0,
    p50Ms: p50,
    p99Ms: p99,
    responses,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    durationSeconds,
    cpuMicrosPerRequest: cpuMs !== null && responses > 0 ? (cpuMs * 1000) / responses : null,
    serverCpuShare: cpuMs !== null && durationSeconds > 0 ? cpuMs / 1000 / durationSeconds : null,
  };
}
