/**
 * `npm run bench:hash`: what sha256 costs the mock per file written, pure JS (`@noble/hashes`, the
 * core's default, which runs in browsers and workers) against `node:crypto` (what the Node adapter
 * injects), side by side in one run. It prints, per file size, µs per file and MB/s for each and the
 * ratio. The mixed workload of `npm run bench` writes tiny files, which would hide a slowdown on
 * large ones, so 1 MiB and 5 MiB files are measured here on their own.
 *
 * Options: `--ms N` (time per measurement, 400), `--rounds N` (interleaved rounds, 3; the best
 * round counts, as the least disturbed by other work on a shared machine).
 */
import * as crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

type Hash = (bytes: Uint8Array) => string;

const HASHES: readonly { readonly name: string; readonly hash: Hash }[] = [
  { name: 'pure JS (@noble/hashes)', hash: (bytes) => bytesToHex(sha256(bytes)) },
  { name: 'node:crypto', hash: (bytes) => crypto.hash('sha256', bytes, 'hex') },
];

const SIZES: readonly { readonly label: string; readonly bytes: number }[] = [
  { label: '64 B', bytes: 64 },
  { label: '1 KiB', bytes: 1024 },
  { label: '16 KiB', bytes: 16 * 1024 },
  { label: '1 MiB', bytes: 1024 * 1024 },
  { label: '5 MiB', bytes: 5 * 1024 * 1024 },
];

/** µs per call of `hash` on `bytes`, over about `ms` milliseconds. */
function measure(hash: Hash, bytes: Uint8Array, ms: number): number {
  let sink = 0;
  for (let i = 0; i < 3; i += 1) sink += hash(bytes).length; // warm-up: JIT and caches
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 8; i += 1) sink += hash(bytes).length;
    calls += 8;
    elapsed = performance.now() - start;
  }
  if (sink === 0) throw new Error('unreachable: keeps the hashes from being optimised away');
  return (elapsed * 1000) / calls;
}

function main(): void {
  const { values } = parseArgs({ options: { ms: { type: 'string', default: '400' }, rounds: { type: 'string', default: '3' } } });
  const ms = Number(values.ms);
  const rounds = Number(values.rounds);
  console.log(`sha256 per file, best of ${rounds} interleaved rounds of ${ms} ms (Node ${process.version}, ${process.platform} ${process.arch})`);
  console.log('| size | ' + HASHES.map((h) => `${h.name} µs/file | MB/s`).join(' | ') + ' | pure JS / node:crypto |');
  console.log('|---|' + HASHES.map(() => '---|---').join('|') + '|---|');
  for (const size of SIZES) {
    const bytes = crypto.randomBytes(size.bytes);
    // Both must agree, or the comparison means nothing.
    const digests = new Set(HASHES.map((h) => h.hash(bytes)));
    if (digests.size !== 1) throw new Error(`the hashes disagree on ${size.label}`);
    const best = HASHES.map(() => Infinity);
    for (let round = 0; round < rounds; round += 1) {
      HASHES.forEach((h, i) => {
        best[i] = Math.min(best[i] ?? Infinity, measure(h.hash, bytes, ms));
      });
    }
    const cells = best.map((us) => `${format(us)} | ${format(size.bytes / us)}`); // bytes per µs = MB/s
    console.log(`| ${size.label} | ${cells.join(' | ')} | ${((best[0] ?? 0) / (best[1] ?? 1)).toFixed(2)}× |`);
  }
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

main();
