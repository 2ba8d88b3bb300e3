import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digest of "abc" and of nothing', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with a node:crypto Hash for any bytes, views into larger buffers included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat(16), (bytes, offset) => {
        const padded = new Uint8Array(offset + bytes.length + 8);
        padded.set(bytes, offset);
        const view = padded.subarray(offset, offset + bytes.length);
        expect(sha256Hex(view)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});
