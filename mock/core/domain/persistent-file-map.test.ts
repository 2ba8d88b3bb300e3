import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PersistentFileMap, countSharedNodes } from './persistent-file-map.js';
import { diffFileMaps, type FileChange } from './file-map-diff.js';
import { createTextBlob, type FileBlob } from './file-blob.js';
import { heightOf } from './treap.js';
import { compareCodePoints } from './code-point-order.js';

const blob = (text: string): FileBlob => createTextBlob(text);

function mapOf(record: Record<string, string>): PersistentFileMap {
  return PersistentFileMap.fromEntries(Object.entries(record).map(([k, v]) => [k, blob(v)] as const));
}

function keysOf(m: PersistentFileMap): string[] {
  return [...m.keys()];
}

describe('PersistentFileMap basics', () => {
  it('sets, gets and deletes without changing earlier versions', () => {
    const m0 = PersistentFileMap.EMPTY;
    const m1 = m0.set('b.txt', blob('b'));
    const m2 = m1.set('a.txt', blob('a'));
    const m3 = m2.delete('b.txt');
    expect(m0.size).toBe(0);
    expect(m1.size).toBe(1);
    expect(keysOf(m2)).toEqual(['a.txt', 'b.txt']);
    expect(keysOf(m3)).toEqual(['a.txt']);
    expect(m2.get('b.txt')?.sha256).toBe(blob('b').sha256);
    expect(m3.get('b.txt')).toBeUndefined();
    expect(m3.has('a.txt')).toBe(true);
  });

  it('returns the same map for writes that change nothing', () => {
    const m = mapOf({ a: 'x' });
    expect(m.set('a', blob('x'))).toBe(m);
    expect(m.delete('missing')).toBe(m);
  });

  it('orders keys by code point and keeps the last duplicate', () => {
    const m = PersistentFileMap.fromEntries([
      ['\u{1F600}', blob('emoji')],
      ['\uE000', blob('pua')],
      ['a', blob('first')],
      ['a', blob('second')],
      ['B', blob('upper')],
    ]);
    expect(keysOf(m)).toEqual(['B', 'a', '\uE000', '\u{1F600}']);
    expect(m.get('a')?.sha256).toBe(blob('second').sha256);
  });

  it('has the same shape whatever order it was built in, so equals is structural', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `dir${i % 7}/file${i}.txt`);
    let forward = PersistentFileMap.EMPTY;
    for (const p of paths) forward = forward.set(p, blob(p));
    let backward = PersistentFileMap.EMPTY;
    for (const p of [...paths].reverse()) backward = backward.set(p, blob(p));
    const bulk = PersistentFileMap.fromEntries(paths.map((p) => [p, blob(p)] as const));
    expect(forward.equals(backward)).toBe(true);
    expect(bulk.equals(forward)).toBe(true);
    expect(heightOf(forward.root)).toBe(heightOf(backward.root));
    expect(forward.equals(backward.set(paths[0] ?? '', blob('changed')))).toBe(false);
    expect(forward.equals(backward.delete(paths[3] ?? ''))).toBe(false);
  });
});

describe('PersistentFileMap at scale', () => {
  const N = 100_000;
  const one = blob('same content everywhere');
  const big = PersistentFileMap.fromEntries(
    Array.from({ length: N }, (_, i) => [`src/module${i % 100}/file${i}.ts`, one] as const),
  );

  it('stays balanced', () => {
    expect(big.size).toBe(N);
    // A random BST of 100k keys has expected height ~ 40; log2(100k) ≈ 17.
    expect(heightOf(big.root)).toBeLessThan(70);
  });

  it('shares all but one root-to-leaf path after a single write', () => {
    const changed = big.set('src/module5/file5.ts', blob('edited'));
    const added = big.set('src/new-file.ts', blob('new'));
    const removed = big.delete('src/module9/file9.ts');
    // The old map is untouched.
    expect(big.get('src/module5/file5.ts')).toBe(one);
    expect(big.has('src/new-file.ts')).toBe(false);
    expect(big.has('src/module9/file9.ts')).toBe(true);
    expect(big.size).toBe(N);
    const height = heightOf(big.root);
    for (const m of [changed, added, removed]) {
      const unshared = m.size - countSharedNodes(big, m);
      expect(unshared).toBeGreaterThan(0);
      expect(unshared).toBeLessThanOrEqual(2 * height);
    }
    expect(diffFileMaps(big, changed)).toEqual([{ path: 'src/module5/file5.ts', change: 'modified' }]);
    expect(diffFileMaps(big, added)).toEqual([{ path: 'src/new-file.ts', change: 'added' }]);
    expect(diffFileMaps(big, removed)).toEqual([{ path: 'src/module9/file9.ts', change: 'deleted' }]);
    expect(big.equals(changed)).toBe(false);
    expect(changed.set('src/module5/file5.ts', one).equals(big)).toBe(true);
  });
});

describe('paging', () => {
  const m = mapOf({ 'a.txt': '1', 'src/a.ts': '2', 'src/b.ts': '3', 'src/c/d.ts': '4', 'srcx': '5', 'z': '6' });

  it('pages through everything with a cursor', () => {
    const p1 = m.page({ limit: 4 });
    expect(p1.entries.map((e) => e[0])).toEqual(['a.txt', 'src/a.ts', 'src/b.ts', 'src/c/d.ts']);
    expect(p1.nextCursor).toBe('src/c/d.ts');
    const p2 = m.page({ limit: 4, after: p1.nextCursor });
    expect(p2.entries.map((e) => e[0])).toEqual(['srcx', 'z']);
    expect(p2.nextCursor).toBeNull();
  });

  it('gives no cursor when the page ends exactly at the last entry', () => {
    expect(m.page({ limit: 6 }).nextCursor).toBeNull();
  });

  it('filters by prefix, with and without a cursor', () => {
    const p1 = m.page({ prefix: 'src/', limit: 2 });
    expect(p1.entries.map((e) => e[0])).toEqual(['src/a.ts', 'src/b.ts']);
    const p2 = m.page({ prefix: 'src/', limit: 2, after: p1.nextCursor });
    expect(p2.entries.map((e) => e[0])).toEqual(['src/c/d.ts']);
    expect(p2.nextCursor).toBeNull();
    expect([...m.entriesFrom({ prefix: 'src' })].map((e) => e[0])).toEqual(['src/a.ts', 'src/b.ts', 'src/c/d.ts', 'srcx']);
    expect([...m.entriesFrom({ prefix: 'nope/' })]).toEqual([]);
    // A cursor before the prefix range starts at the prefix; one after it ends the listing.
    expect([...m.entriesFrom({ prefix: 'src/', after: 'a' })].length).toBe(3);
    expect([...m.entriesFrom({ prefix: 'src/', after: 'zz' })]).toEqual([]);
  });
});

describe('collisions', () => {
  const m = mapOf({ 'a': '1', 'dir/x/y.txt': '2', 'a!': '3', 'dir2': '4' });

  it('finds files under a directory', () => {
    expect(m.hasFileUnder('dir')).toBe(true);
    expect(m.hasFileUnder('dir/x')).toBe(true);
    expect(m.hasFileUnder('di')).toBe(false);
    expect(m.hasFileUnder('a')).toBe(false);
    expect(m.hasFileUnder('dir/x/y.txt')).toBe(false);
  });

  it('detects file/directory collisions in both directions', () => {
    expect(m.collidesWith('a/b')).toBe(true); // "a" is a file
    expect(m.collidesWith('a/b/c')).toBe(true);
    expect(m.collidesWith('dir')).toBe(true); // files under dir/
    expect(m.collidesWith('dir/x')).toBe(true);
    expect(m.collidesWith('dir2/z')).toBe(true);
    expect(m.collidesWith('a')).toBe(false); // overwrite
    expect(m.collidesWith('a!/b')).toBe(true);
    expect(m.collidesWith('ab/c')).toBe(false);
    expect(m.collidesWith('dir/x/z.txt')).toBe(false);
  });
});

describe('diffFileMaps', () => {
  it('lists added, modified and deleted paths sorted', () => {
    const a = mapOf({ 'keep': 'k', 'mod': 'old', 'gone': 'g', 'z/\u{1F600}': 'e' });
    const b = mapOf({ 'keep': 'k', 'mod': 'new', 'new': 'n', 'z/\uE000': 'p' });
    expect(diffFileMaps(a, b)).toEqual([
      { path: 'gone', change: 'deleted' },
      { path: 'mod', change: 'modified' },
      { path: 'new', change: 'added' },
      { path: 'z/\uE000', change: 'added' },
      { path: 'z/\u{1F600}', change: 'deleted' },
    ]);
    expect(diffFileMaps(a, a)).toEqual([]);
    expect(diffFileMaps(PersistentFileMap.EMPTY, mapOf({ x: '1' }))).toEqual([{ path: 'x', change: 'added' }]);
  });

  it('agrees with a naive diff on random edits (and equals agrees with it)', () => {
    const pathArb = fc.constantFrom('a', 'b', 'c', 'a/b', 'a/c', 'b/x', 'd/e/f', 'é', '\u{1F600}', '\uE000');
    const contentArb = fc.constantFrom('1', '2', '3');
    const stateArb = fc.dictionary(pathArb, contentArb);
    const opsArb = fc.array(fc.tuple(pathArb, fc.option(contentArb)), { maxLength: 12 });
    fc.assert(
      fc.property(stateArb, opsArb, (start, ops) => {
        const before = mapOf(start);
        let after = before;
        const model = new Map(Object.entries(start));
        for (const [path, content] of ops) {
          if (content === null) {
            after = after.delete(path);
            model.delete(path);
          } else {
            after = after.set(path, blob(content));
            model.set(path, content);
          }
        }
        const expected: FileChange[] = [];
        const all = [...new Set([...Object.keys(start), ...model.keys()])].sort(compareCodePoints);
        for (const p of all) {
          const x = start[p];
          const y = model.get(p);
          if (x === undefined && y !== undefined) expected.push({ path: p, change: 'added' });
          else if (x !== undefined && y === undefined) expected.push({ path: p, change: 'deleted' });
          else if (x !== y) expected.push({ path: p, change: 'modified' });
        }
        expect(diffFileMaps(before, after)).toEqual(expected);
        expect(before.equals(after)).toBe(expected.length === 0);
        expect(keysOf(after)).toEqual([...model.keys()].sort(compareCodePoints));
        expect(after.size).toBe(model.size);
      }),
    );
  });
});
