/** The soak bench's printed report, and its exit code, both from a {@link SoakResult}. */
import { MIXED_CYCLE } from '../workloads.js';
import { RESET_TOLERANCE_BYTES, soakProblems, type SoakResult } from './soak.js';
import { READ_CYCLE } from './soak-workloads.js';

const MIB = 1024 * 1024;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number): string => (bytes / MIB).toFixed(1);
const signed = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${count(bytes)} B`;

/** The table of samples: one row per forced-GC sample. */
function sampleTable(result: SoakResult): string[] {
  const rows = [['phase', 'requests', 'accepted writes', 'RSS MiB', 'heap used MiB', 'arrayBuffers MiB']];
  for (const s of result.samples) rows.push([s.phase, count(s.requests), count(s.acceptedWrites), mib(s.rss), mib(s.heapUsed), mib(s.arrayBuffers)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => '  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

/** The whole report, as printed by `npm run bench:soak`. */
export function formatSoakReport(result: SoakResult): string {
  const { options, mixed, read } = result;
  const problems = soakProblems(result);
  const { cost, costSinceStart, acceptedWrites } = mixed;
  const g = read.growth;
  return [
    `Soak: ${count(options.requests)} requests of the mixed workload (${MIXED_CYCLE}${options.keyed === true ? '; every POST with a fresh Idempotency-Key' : ''}), then ${count(options.reads)} read-only requests (${READ_CYCLE}); seed ${options.seed}, ${options.connections} connections, a sample every ${count(options.sampleEvery)} requests`,
    `Measured: ${result.where}. Heap after two forced full GCs${result.gcForced ? '' : ' (NOT forced: noisy)'}.`,
    '',
    ...sampleTable(result),
    '',
    `Mixed: ${count(mixed.responses)} responses in ${mixed.seconds.toFixed(1)} s (${count(mixed.responses / mixed.seconds)}/s), ${mixed.non2xx} non-2xx, ${mixed.errors} errors; ${count(acceptedWrites)} writes accepted, ${mixed.rejectedWrites} refused`,
    `Kept per accepted write: ${count(cost.bytesPerWrite)} B (heap ${count(cost.heapBytesPerWrite)} B + ArrayBuffers ${count(cost.offHeapBytesPerWrite)} B) over the ${count(cost.writes)} writes after the first sample; ${count(costSinceStart.bytesPerWrite)} B counted from the start (warm-up included)`,
    `Read-only: ${count(read.responses)} responses (${count(read.warmupReads)} warm-up), ${read.non2xx} non-2xx, ${read.errors} errors; over the ${count(g.reads)} measured reads the heap grew ${signed(g.heapPer100kReads)} per 100k reads (ArrayBuffers ${signed(g.offHeapPer100kReads)}): ${g.flat ? 'PASS' : 'FAIL'} (tolerance ${count(g.toleranceBytesPer100kReads)} B per 100k reads)`,
    `After POST /__admin/reset (${result.afterReset.status}): heap ${signed(result.afterReset.heapAboveStart)}, ArrayBuffers ${signed(result.afterReset.offHeapAboveStart)} against the start: ${result.afterReset.heapAboveStart + result.afterReset.offHeapAboveStart <= RESET_TOLERANCE_BYTES ? 'freed' : 'NOT freed'} (tolerance ${count(RESET_TOLERANCE_BYTES / MIB)} MiB)`,
    problems.length === 0 ? 'Result: PASS' : `Result: FAIL\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  ].join('\n');
}

/** 0 when the run passed, 1 when {@link soakProblems} found anything. */
export function soakExitCode(result: SoakResult): number {
  return soakProblems(result).length === 0 ? 0 : 1;
}
