import { describe, it, expect } from 'vitest';
import { EMPTY_CONTENT, contentEquals, diffContent, type Content } from './content.js';
import { environmentSpecEquals, type EnvironmentSpec } from './environment-spec.js';
import { PersistentFileMap } from './persistent-file-map.js';
import { createTextBlob } from './file-blob.js';

const spec = (over: Partial<EnvironmentSpec> = {}): EnvironmentSpec => ({
  baseImage: null,
  runtimes: [{ name: 'node', version: '20' }],
  packageManagers: [],
  packages: [],
  env: { A: '1', B: '2' },
  ...over,
});

function content(files: Record<string, string>, environmentSpec: EnvironmentSpec | null = null): Content {
  return {
    files: PersistentFileMap.fromEntries(Object.entries(files).map(([k, v]) => [k, createTextBlob(v)] as const)),
    environmentSpec,
  };
}

describe('environmentSpecEquals', () => {
  it('ignores env key order but not array order', () => {
    expect(environmentSpecEquals(spec(), spec({ env: { B: '2', A: '1' } }))).toBe(true);
    expect(environmentSpecEquals(spec(), spec({ env: { A: '1' } }))).toBe(false);
    expect(environmentSpecEquals(spec(), spec({ env: { A: '1', B: '3' } }))).toBe(false);
    const two = [{ name: 'node', version: null }, { name: 'python', version: null }];
    expect(environmentSpecEquals(spec({ runtimes: two }), spec({ runtimes: [...two].reverse() }))).toBe(false);
    expect(environmentSpecEquals(spec({ baseImage: 'x' }), spec({ baseImage: null }))).toBe(false);
  });

  it('treats null as equal only to null', () => {
    expect(environmentSpecEquals(null, null)).toBe(true);
    expect(environmentSpecEquals(null, spec())).toBe(false);
    expect(environmentSpecEquals(spec(), null)).toBe(false);
  });
});

describe('contentEquals', () => {
  it('compares files by bytes and the spec deeply', () => {
    expect(contentEquals(content({ a: '1' }, spec()), content({ a: '1' }, spec({ env: { B: '2', A: '1' } })))).toBe(true);
    expect(contentEquals(content({ a: '1' }), content({ a: '2' }))).toBe(false);
    expect(contentEquals(content({ a: '1' }), content({ a: '1' }, spec()))).toBe(false);
    expect(contentEquals(EMPTY_CONTENT, content({}))).toBe(true);
  });
});

describe('diffContent', () => {
  it('places /environmentSpec among the paths by code point order', () => {
    const from = content({ '-x': '1', 'a': '1', 'gone': 'g' });
    const to = content({ '-x': '2', 'a': '1', 'new': 'n' }, spec());
    expect(diffContent(from, to)).toEqual([
      { path: '-x', change: 'modified' }, // "-" (0x2d) sorts before "/" (0x2f)
      { path: '/environmentSpec', change: 'added' },
      { path: 'gone', change: 'deleted' },
      { path: 'new', change: 'added' },
    ]);
  });

  it('reports a modified and a deleted spec', () => {
    expect(diffContent(content({}, spec()), content({}, spec({ baseImage: 'node:20' })))).toEqual([
      { path: '/environmentSpec', change: 'modified' },
    ]);
    expect(diffContent(content({}, spec()), content({}))).toEqual([{ path: '/environmentSpec', change: 'deleted' }]);
    expect(diffContent(content({}, spec()), content({}, spec({ env: { B: '2', A: '1' } })))).toEqual([]);
  });
});
