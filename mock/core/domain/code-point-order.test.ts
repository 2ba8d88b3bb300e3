import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints, sortByCodePoints } from './code-point-order.js';

function byUtf8(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

describe('compareCodePoints', () => {
  it('orders astral characters after BMP characters above the surrogate range', () => {
    const astral = '\u{1F600}'; // stored as D83D DE00
    const privateUse = '\uE000';
    expect(astral < privateUse).toBe(true); // UTF-16 order gets this "wrong"
    expect(compareCodePoints(astral, privateUse)).toBeGreaterThan(0);
    expect(sortByCodePoints(['b', astral, privateUse, 'a'])).toEqual(['a', 'b', privateUse, astral]);
  });

  it('puts a prefix first and treats equal strings as equal', () => {
    expect(compareCodePoints('a', 'a/b')).toBeLessThan(0);
    expect(compareCodePoints('a/b', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('', '')).toBe(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
  });

  it('compares pairs that share a high surrogate by their low halves', () => {
    expect(compareCodePoints('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(compareCodePoints('x\u{10000}', 'x\uFFFF')).toBeGreaterThan(0);
  });

  it('agrees with UTF-8 byte order on well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byUtf8(a, b)));
      }),
    );
  });

  it('is antisymmetric even with lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b)) + Math.sign(compareCodePoints(b, a))).toBe(0);
      }),
    );
  });
});
