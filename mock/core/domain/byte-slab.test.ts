import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSlab } from './byte-slab.js';

describe('ByteSlab', () => {
  it('returns copies equal to their sources, unaffected by later writes to the sources', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: ByteSlab.MAX_SHARED + 64 }), { maxLength: 60 }), (arrays) => {
        const slab = new ByteSlab();
        const copies = arrays.map((bytes) => slab.copy(bytes));
        const expected = arrays.map((bytes) => Array.from(bytes));
        for (const bytes of arrays) bytes.fill(0xee);
        expect(copies.map((c) => Array.from(c))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('puts small arrays side by side in one buffer and gives large ones their own', () => {
    const slab = new ByteSlab();
    const a = slab.copy(new Uint8Array([1, 2, 3]));
    const b = slab.copy(new Uint8Array([4, 5]));
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + a.length);
    const large = slab.copy(new Uint8Array(ByteSlab.MAX_SHARED + 1));
    expect(large.buffer).not.toBe(a.buffer);
    expect(large.byteOffset).toBe(0);
  });

  it('places texts as UTF-8 side by side, and a long text in a buffer of its own', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 2000 }), { maxLength: 80 }), (texts) => {
        const slab = new ByteSlab();
        const places = texts.map((text) => slab.place(text));
        const decoder = new TextDecoder();
        expect(places.map((p) => decoder.decode(p.bytes.subarray(p.at, p.at + p.length)))).toEqual(texts);
        for (const [i, p] of places.entries()) {
          // Sure to fit in MAX_SHARED bytes (3 per UTF-16 unit): shares a slab; otherwise exactly its own.
          if ((texts[i] as string).length * 3 > ByteSlab.MAX_SHARED) expect([p.at, p.bytes.length]).toEqual([0, p.length]);
          else if (p.length > 0) expect(p.bytes.length).toBeGreaterThan(ByteSlab.MAX_SHARED);
        }
      }),
      { numRuns: 40 },
    );
    const slab = new ByteSlab();
    const a = slab.place('ab');
    const b = slab.place('é');
    expect(b.bytes).toBe(a.bytes);
    expect([b.at, b.length]).toEqual([2, 2]);
    const long = slab.place('x'.repeat(ByteSlab.MAX_SHARED));
    expect([long.at, long.length, long.bytes.length]).toEqual([0, ByteSlab.MAX_SHARED, ByteSlab.MAX_SHARED]);
  });
});
