/**
 * What a step writes into a file: UTF-8 text (the pools), an empty body, arbitrary bytes that are
 * usually not UTF-8, and now and then a large file. Steps print contents readably: text as a JSON
 * string, bytes as `bytes(5: ff fe 00 80 41)` or, when long, `bytes(300 KiB, sha 1a2b3c4d…)`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';

/**
 * A file's content as a step holds it: text (sent as its UTF-8 bytes; the empty string is sent
 * as a PUT with no body at all) or raw bytes (an empty array is a `Content-Length: 0` body).
 */
export type FileContent = string | Uint8Array;

/** Contents up to this many bytes print every byte in hex. */
const SHOWN_BYTES = 16;

/** The bytes of a content. */
export function contentBytes(content: FileContent): Uint8Array {
  return typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
}

/** A size for people that stays exact: `300 B`, `300 KiB`, `256 KiB + 1 B`. */
function sizeLabel(size: number): string {
  if (size < 1024) return `${size} B`;
  const rest = size % 1024;
  return `${Math.floor(size / 1024)} KiB${rest === 0 ? '' : ` + ${rest} B`}`;
}

/** How raw bytes print: every byte when short, else the size and the start of the sha256. */
export function bytesLabel(bytes: Uint8Array): string {
  if (bytes.length <= SHOWN_BYTES) return `bytes(${bytes.length}${bytes.length === 0 ? '' : `: ${Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ')}`})`;
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return `bytes(${sizeLabel(bytes.length)}, sha ${sha}…)`;
}

/** How a content prints in a step. */
export function contentLabel(content: FileContent): string {
  return typeof content === 'string' ? JSON.stringify(content) : bytesLabel(content);
}

/**
 * `size` bytes that depend only on `seed` (xorshift32): almost never UTF-8, and cheap to make
 * for megabytes, where fast-check's own byte arrays would be slow to generate and shrink.
 */
export function seededBytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
    if (i + 1 < size) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < size) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < size) out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}

/** Byte strings text pipelines get wrong: lone continuation bytes, NUL, a BOM, CRLF, overlong forms. */
const NASTY_BYTES: readonly Uint8Array[] = [
  Uint8Array.of(0xff, 0xfe, 0x00, 0x80, 0x41),
  Uint8Array.of(0x00),
  Uint8Array.of(0xc3, 0x28),
  Uint8Array.of(0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a),
  Uint8Array.of(0xc0, 0xaf, 0xed, 0xa0, 0x80),
];

/** Short raw bytes: the nasty ones above or random ones (non-empty; usually not UTF-8). */
export const binaryArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_BYTES), weight: 1 },
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }), weight: 2 },
);

/** An empty content: no body at all (`""`) or an empty octet-stream body (`bytes(0)`). */
export const emptyArb: fc.Arbitrary<FileContent> = fc.constantFrom<FileContent>('', new Uint8Array(0));

/** Smallest and largest generated large file: hundreds of KiB to a few MiB (the limit is 5 MiB). */
export const LARGE_MIN = 200 * 1024;
export const LARGE_MAX = 3 * 1024 * 1024;

/** Most large files stay under this size: megabytes cost every run that writes them. */
const LARGE_USUAL = 640 * 1024;

/**
 * A large file of seeded bytes, usually 200–640 KiB and one time in five up to 3 MiB; it shrinks
 * towards {@link LARGE_MIN}.
 */
export const largeArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.oneof({ arbitrary: fc.integer({ min: LARGE_MIN, max: LARGE_USUAL }), weight: 4 }, { arbitrary: fc.integer({ min: LARGE_USUAL, max: LARGE_MAX }), weight: 1 }), fc.integer())
  .map(([size, seed]) => seededBytes(size, seed));

/** Empty or binary contents (the large ones have their own, rarer step). */
export const oddContentArb: fc.Arbitrary<FileContent> = fc.oneof({ arbitrary: emptyArb, weight: 1 }, { arbitrary: binaryArb, weight: 2 });
