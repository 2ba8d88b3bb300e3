import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, fromBase64Url, toBase64Url } from './base64.js';

describe('base64 without Buffer', () => {
  it('encodes bytes exactly as Node does, and decodes them back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('gives ASCII and non-ASCII text the base64url of its UTF-8 bytes, and reads it back', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), (text) => {
        const encoded = toBase64Url(text);
        expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64url'));
        expect(fromBase64Url(encoded)).toBe(text);
      }),
    );
  });
});
