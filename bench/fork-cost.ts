/**
 * Fork cost without HTTP: a `createMockCore` per workspace size, one session holding that many
 * files, then N forks of it timed and weighed. Forking shares the file tree (no copy), so time and
 * heap per fork should not depend on how many files the source holds.
 */
import { loadContract, type Contract } from '../contract/index.js';
import { createMockCore, responseJson, type MockCore, type MockResponse } from '../mock/index.js';
import { resolveGc } from './force-gc.js';

/** What to measure. */
export interface ForkCostOptions {
  /** Workspace sizes in files, e.g. `[10, 1000, 100000]`. The session limit is 100 000. */
  readonly sizes: readonly number[];
  /** Forks timed per size. */
  readonly forks: number;
  /**
   * Untimed forks first, so the timed ones run warm: this many on a throw-away 10-file session
   * before the first size (JIT), and a tenth of it at each size. Default: `forks`.
   */
  readonly warmupForks?: number;
  /** The timed forks run in this many equal batches; the median batch gives µs/fork. Default 20. */
  readonly batches?: number;
  /** Files sent in the create request (the contract allows at most 1000); the rest are PUT. */
  readonly createBatch?: number;
  /** Parsed once and shared by every core; loaded when absent. */
  readonly contract?: Contract;
}

/** The cost of forking a session of one size. */
export interface ForkCostRow {
  readonly files: number;
  readonly forks: number;
  /** Median over the batches: robust to a GC pause or a noisy neighbour in one batch. */
  readonly microsPerFork: number;
  /** Total time over all forks, pauses included. */
  readonly meanMicrosPerFork: number;
  /**
   * Heap growth between forced GCs divided by the forks, the median of several batches: what each
   * fork keeps alive. One batch alone can come out negative when a GC frees something unrelated
   * (V8 drops unused bytecode, for one); the median of five does not.
   */
  readonly bytesPerFork: number;
  /** Time to build the source session (create plus PUTs), for context. */
  readonly buildMs: number;
}

/** Rows ordered by size, plus the largest size's cost over the smallest's. */
export interface ForkCostResult {
  readonly rows: readonly ForkCostRow[];
  /** µs per fork at the largest size / at the smallest. */
  readonly timeRatio: number;
  /** Bytes per fork at the largest size / at the smallest; null when the smallest is not positive. */
  readonly heapRatio: number | null;
  /** False when no GC could be forced: heap figures are then noisy. */
  readonly gcForced: boolean;
}

const CREATE_LIMIT = 1000;
const TOKEN = 'dev-token';
const encoder = new TextEncoder();

function expectStatus(response: MockResponse, status: number, what: string): MockResponse {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${String(response.body)}`);
  return response;
}

function filePath(i: number): string {
  return `dir${i % 100}/file${i}.txt`;
}

/** A session holding exactly `files` small files; returns its id. */
function buildSession(core: MockCore, files: number, createBatch: number): string {
  const initial = Array.from({ length: Math.min(files, createBatch) }, (_, i) => ({ path: filePath(i), content: `${i}\n` }));
  const created = core.handle({
    method: 'POST',
    url: '/v1/sessions',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: encoder.encode(JSON.stringify({ title: `fork-cost ${files}`, files: initial })),
  });
  const id = (responseJson(expectStatus(created, 201, 'create')) as { id: string }).id;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' };
  for (let i = initial.length; i < files; i += 1) {
    const url = `/v1/sessions/${id}/files/${encodeURIComponent(filePath(i))}`;
    expectStatus(core.handle({ method: 'PUT', url, headers, body: encoder.encode(`${i}\n`) }), 201, `PUT ${filePath(i)}`);
  }
  return id;
}

function fork(core: MockCore, id: string): void {
  expectStatus(core.handle({ method: 'POST', url: `/v1/sessions/${id}/fork`, headers: { authorization: `Bearer ${TOKEN}` } }), 201, 'fork');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Heap batches: more would only add forced GCs, each a full collection of a large heap. */
const HEAP_BATCHES = 5;

/**
 * Bytes kept per fork: the median over batches of heap growth between forced GCs. Each batch is
 * `forks` forks: a fork keeps a few hundred bytes, and a batch's growth also holds whatever else
 * the heap did meanwhile (the session table doubling, say), which more forks spread thinner.
 */
function heapPerFork(core: MockCore, id: string, forks: number, gc: (() => void) | null): number {
  const perBatch: number[] = [];
  const count = Math.max(1, forks);
  for (let b = 0; b < HEAP_BATCHES; b += 1) {
    gc?.();
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < count; i += 1) fork(core, id);
    gc?.();
    gc?.();
    perBatch.push((process.memoryUsage().heapUsed - before) / count);
  }
  return median(perBatch);
}

/** µs per fork of each batch, timing `forks` forks of `id` split into `batches` batches. */
function timeForks(core: MockCore, id: string, forks: number, batches: number): number[] {
  const perBatch: number[] = [];
  for (let b = 0; b < batches; b += 1) {
    const count = Math.floor((forks * (b + 1)) / batches) - Math.floor((forks * b) / batches);
    if (count === 0) continue;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) fork(core, id);
    perBatch.push(Number(process.hrtime.bigint() - started) / 1000 / count);
  }
  return perBatch;
}

function measureSize(contract: Contract, files: number, options: ForkCostOptions, gc: (() => void) | null): ForkCostRow {
  const core = createMockCore({ contract, scenario: null, auth: true });
  const built = performance.now();
  const id = buildSession(core, files, Math.min(CREATE_LIMIT, options.createBatch ?? CREATE_LIMIT));
  const buildMs = performance.now() - built;
  const warmup = Math.ceil((options.warmupForks ?? options.forks) / 10);
  for (let i = 0; i < warmup; i += 1) fork(core, id);
  // Collect what earlier sizes left behind first, or its GC lands in this size's timing.
  gc?.();
  gc?.();
  const started = process.hrtime.bigint();
  const perBatch = timeForks(core, id, options.forks, Math.max(1, Math.min(options.forks, options.batches ?? 20)));
  const elapsedUs = Number(process.hrtime.bigint() - started) / 1000;
  const bytesPerFork = heapPerFork(core, id, options.forks, gc);
  return { files, forks: options.forks, microsPerFork: median(perBatch), meanMicrosPerFork: elapsedUs / options.forks, bytesPerFork, buildMs };
}

/** Forks a small session untimed so the first measured size does not pay for the JIT. */
function warmUp(contract: Contract, forks: number): void {
  if (forks === 0) return;
  const core = createMockCore({ contract, scenario: null, auth: true });
  const id = buildSession(core, 10, CREATE_LIMIT);
  for (let i = 0; i < forks; i += 1) fork(core, id);
}

/** Measures every size in ascending order, one fresh core each (dropped before the next). */
export function measureForkCost(options: ForkCostOptions): ForkCostResult {
  if (options.sizes.length === 0 || options.forks < 1) throw new Error('measureForkCost needs at least one size and one fork');
  const contract = options.contract ?? loadContract();
  const gc = resolveGc();
  warmUp(contract, options.warmupForks ?? options.forks);
  const rows = [...options.sizes].sort((a, b) => a - b).map((files) => measureSize(contract, files, options, gc));
  const smallest = rows[0] as ForkCostRow;
  const largest = rows[rows.length - 1] as ForkCostRow;
  return {
    rows,
    timeRatio: largest.microsPerFork / smallest.microsPerFork,
    heapRatio: smallest.bytesPerFork > 0 ? largest.bytesPerFork / smallest.bytesPerFork : null,
    gcForced: gc !== null,
  };
}
