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
});
