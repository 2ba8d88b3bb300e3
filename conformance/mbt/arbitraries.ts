/**
 * Generators aimed at the interesting cases: a small shared path pool (with `a` and `a/b` so
 * writes and merges collide, plus the files the environment spec is derived from) and small
 * content pools so independent edits often agree and often diverge.
 */
import fc from 'fast-check';

/** The paths every command draws from. */
export const PATHS = ['a', 'a/b', 'c.txt', 'package.json', '.nvmrc', 'requirements.txt'] as const;

/** A path of the pool. */
export type PoolPath = (typeof PATHS)[number];

const GENERIC = ['1\n', '2\n', '3\n'];

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
export const sessionPick: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 3 }, { arbitrary: fc.nat({ max: 4 }), weight: 2 });

/** A checkpoint label index. */
export const checkpointPick: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 });

/** A path of the pool. */
export const pathArb: fc.Arbitrary<PoolPath> = fc.oneof(
  { arbitrary: fc.constantFrom<PoolPath>('a', 'a/b', 'c.txt'), weight: 3 },
  { arbitrary: fc.constantFrom(...PATHS), weight: 2 },
);

/** A path and a content suited to it. */
export const fileArb: fc.Arbitrary<{ path: PoolPath; content: string }> = pathArb.chain((path) =>
  fc.constantFrom(...CONTENTS[path]).map((content) => ({ path, content })),
);

/** Tags the tag commands play with (the run tag is never among them). */
export const tagArb = fc.constantFrom('draft', 'needs-review', 'ok', 'x:y/z');
