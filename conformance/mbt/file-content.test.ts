// How the wider generators' contents print and are made (conformance/mbt/file-content.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXOTIC_PATHS } from './arbitraries.js';
import { pathProblem } from '../model/file-path.js';
import { byteSize, sha256Hex, toFileBytes, utf8Text } from '../model/bytes.js';
import { binaryArb, bytesLabel, contentBytes, contentLabel, LARGE_MAX, LARGE_MIN, largeArb, seededBytes } from './file-content.js';

describe('file contents', () => {
  it('prints text as a JSON string, short bytes in hex and long ones by size and sha', () => {
    expect(contentLabel('1\n')).toBe('"1\\n"');
    expect(contentLabel('')).toBe('""');
    expect(contentLabel(new Uint8Array(0))).toBe('bytes(0)');
    expect(contentLabel(Uint8Array.of(0xff, 0xfe, 0x00, 0x80, 0x41))).toBe('bytes(5: ff fe 00 80 41)');
    const large = seededBytes(300 * 1024, 7);
    expect(bytesLabel(large)).toBe(`bytes(300 KiB, sha ${sha256Hex(toFileBytes(large)).slice(0, 8)}…)`);
    expect(bytesLabel(seededBytes(256 * 1024 + 1, 7))).toMatch(/^bytes\(256 KiB \+ 1 B, sha [0-9a-f]{8}…\)$/);
    expect(bytesLabel(seededBytes(300, 7))).toMatch(/^bytes\(300 B, sha [0-9a-f]{8}…\)$/);
  });

  it('sends text as its UTF-8 bytes and bytes as they are', () => {
    expect(Buffer.from(contentBytes('é')).toString('hex')).toBe('c3a9');
    const raw = Uint8Array.of(0xc3, 0x28);
    expect(contentBytes(raw)).toBe(raw);
  });

  it('makes large contents from a seed: the same bytes for the same seed, not UTF-8, within the bounds', () => {
    expect(Buffer.from(seededBytes(1001, 42)).equals(Buffer.from(seededBytes(1001, 42)))).toBe(true);
    expect(Buffer.from(seededBytes(1001, 42)).equals(Buffer.from(seededBytes(1001, 43)))).toBe(false);
    fc.assert(fc.property(largeArb, (bytes) => bytes.length >= LARGE_MIN && bytes.length <= LARGE_MAX && utf8Text(toFileBytes(bytes)) === null), { numRuns: 5 });
  });

  it('makes binary contents that are mostly not UTF-8', () => {
    const samples = fc.sample(binaryArb, { numRuns: 200, seed: 1 });
    expect(samples.every((b) => b.length > 0)).toBe(true);
    expect(samples.filter((b) => utf8Text(toFileBytes(b)) === null).length).toBeGreaterThan(100);
  });

  it('keeps the model sizes exact for every base64 padding', () => {
    for (let n = 0; n < 8; n += 1) expect(byteSize(toFileBytes(new Uint8Array(n)))).toBe(n);
    expect(byteSize(toFileBytes(seededBytes(LARGE_MIN + 1, 3)))).toBe(LARGE_MIN + 1);
  });
});

describe('exotic paths', () => {
  it('are all valid, distinct, and two of them sit at the 1024-byte limit', () => {
    for (const path of EXOTIC_PATHS) expect(pathProblem(path), path).toBeNull();
    expect(new Set(EXOTIC_PATHS).size).toBe(EXOTIC_PATHS.length);
    expect(EXOTIC_PATHS.map((p) => Buffer.byteLength(p, 'utf8')).filter((n) => n >= 1023)).toEqual([1024, 1023]);
    expect(pathProblem(`${EXOTIC_PATHS.find((p) => Buffer.byteLength(p, 'utf8') === 1024) ?? ''}x`)).not.toBeNull();
  });
});
