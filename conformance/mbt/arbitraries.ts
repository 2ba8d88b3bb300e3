/**
 * Generators aimed at the interesting cases: a small shared path pool (with `a` and `a/b` so
 * writes and merges collide, plus the files the environment spec is derived from) and small
 * content pools so independent edits often agree and often diverge; session pairs that share
 * history (parent/child, siblings); edits that modify, delete, or turn the file `a` into the
 * directory `a/` and back.
 */
import fc from 'fast-check';
import type { Strategy } from '../model/merge-plan.js';
import type { Edit, FollowUp } from './commands/diverge.js';

/** The paths every command draws from. */
export const PATHS = ['a', 'a/b', 'c.txt', 'package.json', '.nvmrc', 'requirements.txt'] as const;

/** A path of the pool. */
export type PoolPath = (typeof PATHS)[number];

const GENERIC = ['1\n', '2\n', '3\n'];

/** Contents of divergent edits: never a created file's, so each side really changes its path. */
const DIVERGING = ['4\n', '5\n', '6\n'];

/** Contents per path: the spec sources get contents the model can parse. */
export const CONTENTS: Readonly<Record<PoolPath, readonly string[]>> = {
  a: GENERIC,
  'a/b': GENERIC,
  'c.txt': GENERIC,
  'package.json': [
    '{"engines":{"node":">=20"},"dependencies":{"react":"^19.0.0"}}',
    '{"packageManager":"pnpm@9.12.0+sha.1","dependencies":{"left-pad":"1.3.0","react":"18.2.0"}}',
    '[1]',
  ],
  '.nvmrc': ['v20.19.0\n', '22\n', '\n'],
  'requirements.txt': ['requests==2.31.0\n', 'Flask >= 2.0\n# web\n-r base.txt\nnumpy\n'],
};

/** Environment specs the suite PUTs (already in canonical order). */
export const SPECS = [
  { baseImage: null, runtimes: [{ name: 'node', version: '20.19.0' }], packageManagers: [], packages: [], env: {} },
  { baseImage: 'python:3.12-slim', runtimes: [{ name: 'python', version: '3.12' }], packageManagers: [{ name: 'pip', version: null }], packages: [{ ecosystem: 'pypi', name: 'flask', version: '>=2' }], env: { MODE: 'dev' } },
] as const;

/** A session label index (small: most picks hit an existing session). */
export const sessionPick: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 4 }, { arbitrary: fc.nat({ max: 4 }), weight: 2 });

/**
 * Two different session labels that usually share history: every run starts with `s0` and its
 * fork `s1`, and later forks mostly fork those, so low labels are parent/child or siblings.
 */
export const pairPick: fc.Arbitrary<readonly [number, number]> = fc.oneof(
  { arbitrary: fc.constantFrom([0, 1] as const, [1, 0] as const), weight: 5 },
  { arbitrary: fc.constantFrom([0, 2] as const, [2, 0] as const, [1, 2] as const, [2, 1] as const), weight: 3 },
  { arbitrary: fc.constantFrom([1, 3] as const, [3, 1] as const, [2, 3] as const, [3, 2] as const, [0, 3] as const), weight: 1 },
);

/** A checkpoint label index. */
export const checkpointPick: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 });

/** A path of the pool. */
export const pathArb: fc.Arbitrary<PoolPath> = fc.oneof(
  { arbitrary: fc.constantFrom<PoolPath>('a', 'a/b', 'c.txt'), weight: 3 },
  { arbitrary: fc.constantFrom(...PATHS), weight: 2 },
);

/** `prefix` repeated, then `tail`, exactly `bytes` bytes of UTF-8 (checked: a wrong length throws). */
function pathOfBytes(head: string, unit: string, tail: string, bytes: number): string {
  const fixed = Buffer.byteLength(head + tail, 'utf8');
  const path = head + unit.repeat(Math.floor((bytes - fixed) / Buffer.byteLength(unit, 'utf8'))) + tail;
  if (Buffer.byteLength(path, 'utf8') !== bytes) throw new Error(`path of ${bytes} bytes: got ${Buffer.byteLength(path, 'utf8')}`);
  return path;
}

/**
 * Valid paths that servers mangle: spaces, non-ASCII (NFC, so a normalising server shows), `%`,
 * `+`, `#`, `?`, `&`, dots inside names, a character past the BMP next to one just below it (code
 * point order and UTF-16 order disagree on them), deep directories, and paths at the 1024-byte
 * limit (one of two-byte characters, one 512 segments deep). None collides with the pool.
 */
export const EXOTIC_PATHS: readonly string[] = [
  'dir with space/naïve café.txt',
  '100% + #1.tar.gz',
  'a+b',
  'q?x=1&y=2',
  '日本語/ファイル.md',
  'ｱ.txt',
  '🎉.txt',
  '.hidden.d/x..y.z',
  'src/lib/deep/er/still/deeper/and/deeper/than/that/leaf.ts',
  pathOfBytes('long/x', 'é', '.txt', 1024),
  pathOfBytes('', 'd/', 'f', 1023),
];

/** A pool path most of the time, an exotic one otherwise. */
export const widePathArb: fc.Arbitrary<string> = fc.oneof({ arbitrary: pathArb, weight: 1 }, { arbitrary: fc.constantFrom(...EXOTIC_PATHS), weight: 1 });

/**
 * Prefixes for file-list filters: a pool path and its directory form (`a` lists `a` and `a/b`,
 * `a/` only `a/b`), parts of exotic names, and ones that match nothing.
 */
export const PREFIXES: readonly string[] = ['a', 'a/', 'c', '.', 'dir with space/', '日本語/', '100% +', 'ｱ', 'd/d/', 'src/lib/', 'bulk/1', 'zz'];

/** A path and a content suited to it. */
export const fileArb: fc.Arbitrary<{ path: PoolPath; content: string }> = pathArb.chain((path) =>
  fc.constantFrom(...CONTENTS[path]).map((content) => ({ path, content })),
);

/** How one side of a divergence changes the path it was given. */
type EditKind = 'modify' | 'delete' | 'to-dir' | 'to-file';

const editKind: fc.Arbitrary<EditKind> = fc.oneof(
  { arbitrary: fc.constant('modify' as const), weight: 3 },
  { arbitrary: fc.constant('delete' as const), weight: 2 },
  { arbitrary: fc.constant('to-dir' as const), weight: 2 },
  { arbitrary: fc.constant('to-file' as const), weight: 1 },
);

/** The edits of one side: `to-dir` replaces the file `a` by `a/b`, `to-file` the reverse. */
function sideEdits(kind: EditKind, path: 'a' | 'c.txt', content: string): Edit[] {
  if (kind === 'delete') return [{ op: 'delete', path }];
  if (kind === 'to-dir') return [{ op: 'delete', path: 'a' }, { op: 'write', path: 'a/b', content }];
  if (kind === 'to-file') return [{ op: 'delete', path: 'a/b' }, { op: 'write', path: 'a', content }];
  return [{ op: 'write', path, content }];
}

/**
 * The edits of two sides on one shared path (`a` or `c.txt`), each a modify, delete or
 * file/directory swap; written contents always differ, so two modifies conflict. Sometimes a
 * side also edits a second path of its own, so merges have non-conflicting work to apply.
 */
export const divergingEdits: fc.Arbitrary<readonly [Edit[], Edit[]]> = fc
  .tuple(fc.constantFrom('a' as const, 'a' as const, 'c.txt' as const), editKind, editKind, fc.nat({ max: 2 }), fc.integer({ min: 1, max: 2 }), fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.tuple(fc.boolean(), fileArb), weight: 1 }))
  .map(([path, k1, k2, c, d, extra]) => {
    const one = sideEdits(k1, path, DIVERGING[c] as string);
    const two = sideEdits(k2, path, DIVERGING[(c + d) % DIVERGING.length] as string);
    if (extra) (extra[0] ? one : two).push({ op: 'write', ...extra[1] });
    return [one, two] as const;
  });

/** A merge strategy, `fail` (explicit or the default) most often. */
export const strategyArb: fc.Arbitrary<Strategy | undefined> = fc.constantFrom(undefined, 'fail', 'fail', 'ours', 'theirs' as const);

/**
 * The merge after a divergence: mostly `mergeFrom` (any two sessions sharing history);
 * `merge` into the lower label (usually the ancestor, as `merge` requires).
 */
export function followUpArb(first: number, second: number): fc.Arbitrary<FollowUp | null> {
  const lower = first < second ? 'first' : 'second';
  return fc.option(
    fc.oneof(
      { arbitrary: fc.tuple(fc.constantFrom('first' as const, 'second' as const), strategyArb).map(([into, strategy]): FollowUp => ({ kind: 'mergeFrom', into, strategy })), weight: 2 },
      { arbitrary: strategyArb.map((strategy): FollowUp => ({ kind: 'merge', into: lower, strategy })), weight: 1 },
    ),
    { freq: 4 },
  );
}

/**
 * Tags the tag commands play with (the run tag is never among them): mostly two, so a patch
 * often removes or re-adds a tag an earlier patch added.
 */
export const tagArb: fc.Arbitrary<string> = fc.oneof({ arbitrary: fc.constantFrom('draft', 'ok'), weight: 3 }, { arbitrary: fc.constantFrom('needs-review', 'x:y/z'), weight: 1 });
