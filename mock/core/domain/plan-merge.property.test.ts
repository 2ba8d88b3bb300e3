/**
 * planMerge against a naive reference: whole-map three-way merge plus brute-force collision passes,
 * written straight from the contract README §3 "Merge" rules on plain Maps.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints } from './code-point-order.js';
import type { EnvironmentSpec } from './environment-spec.js';
import { createTextBlob } from './file-blob.js';
import type { MergeStrategy } from './merge-types.js';
import { PersistentFileMap } from './persistent-file-map.js';
import { planMerge } from './plan-merge.js';
import { RevisionGraph } from './revision-graph.js';

type Tree = Map<string, string>;
interface Side {
  readonly files: Tree;
  readonly spec: string | null;
}

const PATHS = ['a', 'a/b', 'a/b/c', 'a/c', 'b', 'b/a', 'c'];
const SPEC_KEY = '/environmentSpec';

/** Keeps a path only when it does not collide with one kept before: real trees never collide. */
function withoutCollisions(entries: readonly (readonly [string, string])[]): Tree {
  const out: Tree = new Map();
  for (const [p, v] of entries) {
    const collides = [...out.keys()].some((q) => q.startsWith(`${p}/`) || p.startsWith(`${q}/`));
    if (!collides && !out.has(p)) out.set(p, v);
  }
  return out;
}

const side: fc.Arbitrary<Side> = fc.record({
  files: fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom('1', '2')), { maxLength: 6 }).map(withoutCollisions),
  spec: fc.constantFrom(null, 'x', 'y'),
});

function naive(b: Side, t: Side, s: Side, strategy: MergeStrategy) {
  const r = new Map(t.files);
  const conflicts = new Map<string, string>();
  for (const p of new Set([...b.files.keys(), ...t.files.keys(), ...s.files.keys()])) {
    const [bv, tv, sv] = [b.files.get(p), t.files.get(p), s.files.get(p)];
    const value = tv === sv ? tv : tv === bv ? sv : sv === bv ? tv : strategy === 'theirs' ? sv : tv;
    if (tv !== sv && tv !== bv && sv !== bv) conflicts.set(p, 'both-changed');
    if (value === undefined) r.delete(p);
    else r.set(p, value);
  }
  const specConflict = t.spec !== s.spec && t.spec !== b.spec && s.spec !== b.spec;
  if (specConflict) conflicts.set(SPEC_KEY, 'both-changed');
  const spec = t.spec === s.spec ? t.spec : t.spec === b.spec ? s.spec : s.spec === b.spec ? t.spec : strategy === 'theirs' ? s.spec : t.spec;
  const ref = strategy === 'theirs' ? s.files : t.files;
  for (;;) {
    const found = new Set<string>();
    for (const p of r.keys()) {
      for (const q of r.keys()) {
        if (!q.startsWith(`${p}/`)) continue;
        for (const x of [p, q]) if (r.get(x) !== ref.get(x) && !conflicts.has(x)) found.add(x);
      }
    }
    for (const x of found) conflicts.set(x, 'path-collision');
    if (found.size === 0 || strategy === 'fail') break;
    for (const x of found) {
      const v = ref.get(x);
      if (v === undefined) r.delete(x);
      else r.set(x, v);
    }
  }
  return { r, spec, conflicts: [...conflicts].sort((x, y) => compareCodePoints(x[0], y[0])) };
}

const specOf = (name: string | null): EnvironmentSpec | null => (name === null ? null : { baseImage: name, runtimes: [], packageManagers: [], packages: [], env: {} });
const toFiles = (tree: Tree) => PersistentFileMap.fromEntries([...tree].map(([p, v]) => [p, createTextBlob(v)] as const));

function naiveDiff(from: Side, to: { files: Tree; spec: string | null }): { path: string; change: string }[] {
  const out: { path: string; change: string }[] = [];
  for (const p of new Set([...from.files.keys(), ...to.files.keys()])) {
    const [x, y] = [from.files.get(p), to.files.get(p)];
    if (x !== y) out.push({ path: p, change: x === undefined ? 'added' : y === undefined ? 'deleted' : 'modified' });
  }
  if (from.spec !== to.spec) out.push({ path: SPEC_KEY, change: from.spec === null ? 'added' : to.spec === null ? 'deleted' : 'modified' });
  return out.sort((a, b) => compareCodePoints(a.path, b.path));
}

describe('planMerge property', () => {
  it('agrees with a naive whole-map three-way merge', () => {
    fc.assert(
      fc.property(side, side, side, fc.constantFrom<MergeStrategy>('fail', 'ours', 'theirs'), (b, t, s, strategy) => {
        let n = 0;
        const graph = new RevisionGraph(() => `r${n++}`);
        const content = (x: Side) => ({ files: toFiles(x.files), environmentSpec: specOf(x.spec) });
        const base = graph.append([], content(b)).id;
        const targetHead = graph.append([base], content(t)).id;
        const sourceHead = graph.append([base], content(s)).id;
        const plan = planMerge({ graph, targetHead, sourceHead, strategy });
        const want = naive(b, t, s, strategy);
        if (strategy === 'fail' && want.conflicts.length > 0) {
          expect(plan).toEqual({ kind: 'conflict', conflicts: want.conflicts.map(([path, reason]) => ({ path, reason })) });
          return;
        }
        if (plan.kind !== 'merged') throw new Error(`expected merged, got ${plan.kind}`);
        const got = new Map([...plan.content.files].map(([p, blob]) => [p, new TextDecoder().decode(blob.bytes)]));
        expect([...got]).toEqual([...want.r].sort((x, y) => compareCodePoints(x[0], y[0])));
        expect(plan.content.environmentSpec).toEqual(specOf(want.spec));
        expect(plan.resolved).toEqual(want.conflicts.map(([path]) => path));
        const applied = naiveDiff(t, { files: want.r, spec: want.spec });
        expect(plan.applied).toEqual(applied);
        expect(plan.changed).toBe(applied.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});
