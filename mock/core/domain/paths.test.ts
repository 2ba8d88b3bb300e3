import { describe, it, expect } from 'vitest';
import { validatePath, utf8ByteLength, parentDirectories, isWellFormedUnicode } from './paths.js';

function reasonOf(p: string): string | null {
  const r = validatePath(p);
  return r.ok ? null : r.reason;
}

describe('validatePath', () => {
  it.each([
    'a',
    'README.md',
    'src/index.ts',
    'a/b/c/d.txt',
    '.gitignore',
    '..hidden',
    'a/.../b',
    'dir with spaces/file name.txt',
    'ünïcödé/日本語/\u{1F600}.txt',
  ])('accepts %j', (p) => {
    expect(validatePath(p)).toEqual({ ok: true });
  });

  it.each([
    ['', /empty/],
    ['..', /"\.\." segment/],
    ['a/../b', /"\.\." segment/],
    ['.', /"\." segment/],
    ['a/./b', /"\." segment/],
    ['a//b', /empty segment/],
    ['/a', /starts with/],
    ['a/', /ends with/],
    ['/', /starts with/],
    ['a\\b', /backslash/],
    ['a\u0000b', /NUL/],
    ['a\uD800b', /lone surrogate/],
    ['a\uDC00', /lone surrogate/],
    ['x\uD83D', /lone surrogate/],
  ])('rejects %j', (p, reason) => {
    expect(reasonOf(p)).toMatch(reason);
  });

  it('counts the 1024-byte limit in UTF-8 bytes, not characters', () => {
    expect(validatePath('a'.repeat(1024))).toEqual({ ok: true });
    expect(reasonOf('a'.repeat(1025))).toMatch(/1025 bytes/);
    // 512 two-byte characters are 1024 bytes; one more ASCII byte is over.
    expect(validatePath('é'.repeat(512))).toEqual({ ok: true });
    expect(reasonOf('é'.repeat(512) + 'a')).toMatch(/1025 bytes/);
    // 256 four-byte emoji: 512 UTF-16 units but 1024 bytes.
    expect(validatePath('\u{1F600}'.repeat(256))).toEqual({ ok: true });
    expect(validatePath('\u{1F600}'.repeat(256) + 'a').ok).toBe(false);
  });
});

describe('utf8ByteLength', () => {
  it('matches Buffer.byteLength for well-formed strings', () => {
    for (const s of ['', 'abc', 'é', '€', '\u{1F600}', 'a/日本/\u{10FFFF}']) {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });
});

describe('isWellFormedUnicode', () => {
  it('accepts pairs and rejects lone halves', () => {
    expect(isWellFormedUnicode('\u{1F600}')).toBe(true);
    expect(isWellFormedUnicode('\uD83D')).toBe(false);
    expect(isWellFormedUnicode('\uDE00\uD83D')).toBe(false);
  });
});

describe('parentDirectories', () => {
  it('lists proper prefixes shortest first', () => {
    expect(parentDirectories('a/b/c')).toEqual(['a', 'a/b']);
    expect(parentDirectories('file')).toEqual([]);
  });
});
