/**
 * The soak run: the bench's mixed workload for a fixed number of requests against the mock in a
 * child process, its memory sampled after forced GCs every `sampleEvery` requests, then a
 * read-only phase whose heap must stay flat, then a reset that must free it all. Returns a
 * {@link SoakResult}; {@link soakProblems} says what failed.
 */
import autocannon from 'autocannon';
import { readGrowth, writeCost, type PhaseSample, type ReadGrowth, type WriteCost } from './soak-figures.js';
import { startSoakChild, type SoakChild } from './soak-child.js';
import { countedMixedWorkload, readOnlyWorkload, type WriteCounter } from './soak-workloads.js';

/** The demo fixtures' acme tenant admin, as in `npm run bench`. */
const TOKEN = 'demo-ana';
/** After `POST /__admin/reset` the heap must be back within this much of the start's. */
export const RESET_TOLERANCE_BYTES = 16 * 1024 * 1024;
/** Sessions the read-only phase reads: the newest of the mixed phase. */
const READ_POOL = 50;

/** What to run. */
export interface SoakOptions {
  /** Requests of the mixed workload. */
  readonly requests: number;
  /** Requests of the read-only phase, warm-up included. */
  readonly reads: number;
  /** Orders the read-only phase's choice of sessions. */
  readonly seed: number;
  /** A memory sample after every this many requests of a phase. */
  readonly sampleEvery: number;
  readonly connections: number;
  /** The read-only phase passes while its heap grows at most this much per 100,000 reads. */
  readonly toleranceBytesPer100kReads: number;
  /** Every POST of the mixed workload carries a fresh `Idempotency-Key` (default: none does, as in `npm run bench`). */
  readonly keyed?: boolean;
  /** Told each sample as it is taken (the CLI prints progress). */
  readonly onSample?: (sample: PhaseSample) => void;
  /** The built child entry to run the mock with; default: the one beside this module. */
  readonly serverEntry?: string;
}

/** One phase's traffic. */
export interface PhaseTraffic {
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
}

/** Everything the run measured. */
export interface SoakResult {
  readonly options: SoakOptions;
  /** Where the mock ran: its own process, so the figures are the mock's, not the load generator's. */
  readonly where: string;
  readonly gcForced: boolean;
  /** Every sample in order: the start, the mixed phase's, the read phase's, the one after a reset. */
  readonly samples: readonly PhaseSample[];
  readonly mixed: PhaseTraffic & { readonly acceptedWrites: number; readonly rejectedWrites: number; readonly cost: WriteCost; readonly costSinceStart: WriteCost };
  readonly read: PhaseTraffic & { readonly warmupReads: number; readonly growth: ReadGrowth };
  /** Heap plus ArrayBuffers after `POST /__admin/reset`, minus the same at the start: all of it must be freed. */
  readonly afterReset: { readonly status: number; readonly heapAboveStart: number; readonly offHeapAboveStart: number };
}

interface Chunk {
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
}

function runAmount(url: string, requests: autocannon.Request[], amount: number, connections: number): Promise<Chunk> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: Math.min(connections, amount), pipelining: 1, amount, requests }, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`));
      else resolve({ responses: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts });
    });
  });
}

/** Runs `total` requests in chunks of `every`, sampling after each; returns the phase's traffic. */
async function phase(child: SoakChild, name: PhaseSample['phase'], total: number, every: number, requests: () => autocannon.Request[], options: SoakOptions, counter: WriteCounter, samples: PhaseSample[]): Promise<PhaseTraffic> {
  const started = performance.now();
  let done = { responses: 0, non2xx: 0, errors: 0 };
  while (done.responses + done.errors < total) {
    const amount = Math.min(every, total - done.responses - done.errors);
    const chunk = await runAmount(child.url, requests(), amount, options.connections);
    done = { responses: done.responses + chunk.responses, non2xx: done.non2xx + chunk.non2xx, errors: done.errors + chunk.errors };
    // A chunk that sent nothing would loop forever.
    if (chunk.responses + chunk.errors === 0) throw new Error(`${name} phase: a chunk of ${amount} requests got no answer`);
    const taken: PhaseSample = { ...(await child.sample()), phase: name, requests: done.responses, acceptedWrites: counter.accepted };
    samples.push(taken);
    options.onSample?.(taken);
  }
  return { ...done, seconds: (performance.now() - started) / 1000 };
}

/** The newest sessions the token sees, to read in the read-only phase. */
async function newestSessions(url: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/sessions?limit=${READ_POOL}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const page = (await response.json()) as { items?: { id: string }[] };
  return (page.items ?? []).map((s) => s.id);
}

/** Starts the mock, runs the mixed and the read-only phase, resets it and samples once more, stops it. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const child = await startSoakChild(options.serverEntry);
  try {
    const counter: WriteCounter = { accepted: 0, rejected: 0 };
    const samples: PhaseSample[] = [{ ...(await child.sample()), phase: 'start', requests: 0, acceptedWrites: 0 }];
    const mixed = await phase(child, 'mixed', options.requests, options.sampleEvery, countedMixedWorkload(TOKEN, counter, options.keyed), options, counter, samples);
    const mixedSamples = samples.filter((s) => s.phase === 'mixed');
    const start = samples[0] as PhaseSample;
    const last = mixedSamples[mixedSamples.length - 1] ?? start;
    const from = mixedSamples.length > 1 ? (mixedSamples[0] as PhaseSample) : start;
    const reads = readOnlyWorkload(TOKEN, await newestSessions(child.url), options.seed);
    // Warm-up, not measured: the first reads of a session serialise its views once (cached until it
    // changes), and the read routes' code gets compiled and optimised (a few hundred KB of heap that
    // a short run would otherwise count as growth).
    const warmupReads = Math.min(Math.max(10_000, Math.round(options.reads / 10)), Math.floor(options.reads / 2));
    const warm = await runAmount(child.url, reads(), warmupReads, options.connections);
    // The measured reads count from zero right after the warm-up.
    const readSamples: PhaseSample[] = [{ ...(await child.sample()), phase: 'read', requests: 0, acceptedWrites: counter.accepted }];
    const measured = await phase(child, 'read', options.reads - warmupReads, options.sampleEvery, reads, options, counter, readSamples);
    samples.push(...readSamples);
    const reset = await fetch(`${child.url}/__admin/reset`, { method: 'POST' });
    const cleared: PhaseSample = { ...(await child.sample()), phase: 'reset', requests: 0, acceptedWrites: counter.accepted };
    samples.push(cleared);
    return {
      options,
      where: `mock in a child process (pid ${String(child.pid)}, node --expose-gc); load from this process`,
      gcForced: samples.every((s) => s.gcForced),
      samples,
      mixed: { ...mixed, acceptedWrites: counter.accepted, rejectedWrites: counter.rejected, cost: writeCost(from, last), costSinceStart: writeCost(start, last) },
      read: {
        responses: warm.responses + measured.responses,
        non2xx: warm.non2xx + measured.non2xx,
        errors: warm.errors + measured.errors,
        seconds: measured.seconds,
        warmupReads,
        growth: readGrowth(readSamples, options.toleranceBytesPer100kReads),
      },
      afterReset: { status: reset.status, heapAboveStart: cleared.heapUsed - start.heapUsed, offHeapAboveStart: cleared.arrayBuffers - start.arrayBuffers },
    };
  } finally {
    await child.stop();
  }
}

/** What went wrong, in words; empty when the run passed. */
export function soakProblems(result: SoakResult): string[] {
  const problems: string[] = [];
  if (!result.gcForced) problems.push('no GC could be forced in the mock process: heap figures are noise');
  if (result.mixed.non2xx + result.mixed.errors > 0) problems.push(`mixed phase: ${result.mixed.non2xx} non-2xx answers, ${result.mixed.errors} errors`);
  if (result.read.non2xx + result.read.errors > 0) problems.push(`read phase: ${result.read.non2xx} non-2xx answers, ${result.read.errors} errors`);
  const { growth } = result.read;
  if (!growth.flat) problems.push(`read phase: heap grew ${Math.round(growth.heapPer100kReads)} B per 100k reads (tolerance ${growth.toleranceBytesPer100kReads} B)`);
  const { afterReset } = result;
  if (afterReset.status !== 204) problems.push(`POST /__admin/reset answered ${afterReset.status}`);
  else if (afterReset.heapAboveStart + afterReset.offHeapAboveStart > RESET_TOLERANCE_BYTES) problems.push(`after a reset the mock still held ${Math.round((afterReset.heapAboveStart + afterReset.offHeapAboveStart) / 1024)} KiB more than at the start (tolerance ${RESET_TOLERANCE_BYTES / 1024} KiB)`);
  return problems;
}
