import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256Hex } from '../../server/node-sha256.js';
import { sha256Hex } from './sha256.js';

// The portable pure-JS hash and the node:crypto one the Node server injects must be interchangeable:
// ETags, idempotency fingerprints and journals written by one are read back by the other.
describe.each([
  ['sha256Hex (pure JS)', sha256Hex],
  ['nodeSha256Hex', nodeSha256Hex],
])('%s', (_name, hash) => {
  it('gives the FIPS 180-2 digest of "abc" and of nothing', () => {
    expect(hash(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hash(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with a node:crypto Hash for any bytes, views into larger buffers included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat(16), (bytes, offset) => {
        const padded = new Uint8Array(offset + bytes.length + 8);
        padded.set(bytes, offset);
        const view = padded.subarray(offset, offset + bytes.length);
        expect(hash(view)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });

  it('agrees across the 64-byte block edges and on a 1 MiB file', () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128, 1024 * 1024 + 3]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff);
      expect(hash(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
