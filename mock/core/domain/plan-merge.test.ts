import { describe, it, expect } from 'vitest';
import type { Content } from './content.js';
import type { EnvironmentSpec } from './environment-spec.js';
import { createTextBlob } from './file-blob.js';
import type { MergePlan, MergeStrategy } from './merge-types.js';
import { PersistentFileMap, countSharedNodes } from './persistent-file-map.js';
import { planMerge } from './plan-merge.js';
import { RevisionGraph } from './revision-graph.js';

function tree(files: Record<string, string>, environmentSpec: EnvironmentSpec | null = null): Content {
  return { files: PersistentFileMap.fromEntries(Object.entries(files).map(([p, text]) => [p, createTextBlob(text)] as const)), environmentSpec };
}

function textsOf(content: Content): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, blob] of content.files) out[p] = new TextDecoder().decode(blob.bytes);
  return out;
}

const spec = (over: Partial<EnvironmentSpec> = {}): EnvironmentSpec => ({ baseImage: null, runtimes: [], packageManagers: [], packages: [], env: {}, ...over });

/** A base revision with two children (target, source): the plain three-way case. */
function forked(base: Content, target: Content, source: Content): { graph: RevisionGraph; b: string; t: string; s: string } {
  let n = 0;
  const graph = new RevisionGraph(() => `r${n++}`);
  const b = graph.append([], base).id;
  return { graph, b, t: graph.append([b], target).id, s: graph.append([b], source).id };
}

function plan3(base: Content, target: Content, source: Content, strategy?: MergeStrategy): MergePlan {
  const { graph, t, s } = forked(base, target, source);
  return planMerge({ graph, targetHead: t, sourceHead: s, strategy });
}

function merged(plan: MergePlan): Extract<MergePlan, { kind: 'merged' }> {
  if (plan.kind !== 'merged') throw new Error(`expected merged, got ${plan.kind}`);
  return plan;
}

describe('planMerge: history shapes', () => {
  it('answers up-to-date for equal heads and for a source behind the target', () => {
    const graph = new RevisionGraph(((n) => () => `r${n++}`)(0));
    const r0 = graph.append([], tree({ a: '1' })).id;
    const r1 = graph.append([r0], tree({ a: '2' })).id;
    expect(planMerge({ graph, targetHead: r1, sourceHead: r1 })).toEqual({ kind: 'up-to-date' });
    expect(planMerge({ graph, targetHead: r1, sourceHead: r0 })).toEqual({ kind: 'up-to-date' });
  });

  it('fast-forwards when the target is behind, applying the target → source diff', () => {
    const graph = new RevisionGraph(((n) => () => `r${n++}`)(0));
    const r0 = graph.append([], tree({ a: '1', b: '1' })).id;
    const r1 = graph.append([r0], tree({ a: '2', b: '1' })).id;
    const r2 = graph.append([r1], tree({ a: '2', c: '1' }, spec())).id;
    expect(planMerge({ graph, targetHead: r0, sourceHead: r2, strategy: 'fail' })).toEqual({
      kind: 'fast-forward',
      applied: [
        { path: '/environmentSpec', change: 'added' },
        { path: 'a', change: 'modified' },
        { path: 'b', change: 'deleted' },
        { path: 'c', change: 'added' },
      ],
    });
  });

  it('reports unrelated histories', () => {
    const graph = new RevisionGraph(((n) => () => `r${n++}`)(0));
    const x = graph.append([], tree({ a: '1' })).id;
    const y = graph.append([], tree({ a: '1' })).id;
    expect(planMerge({ graph, targetHead: x, sourceHead: y })).toEqual({ kind: 'unrelated-histories' });
  });

  it('refuses a criss-cross history with both bases, sorted', () => {
    const graph = new RevisionGraph(((n) => () => `r${n++}`)(0));
    const a = graph.append([], tree({})).id;
    const b = graph.append([a], tree({ b: '1' })).id;
    const c = graph.append([a], tree({ c: '1' })).id;
    const d = graph.append([b, c], tree({ b: '1', c: '1' })).id;
    const e = graph.append([c, b], tree({ b: '1', c: '1', e: '1' })).id;
    expect(planMerge({ graph, targetHead: e, sourceHead: d })).toEqual({ kind: 'ambiguous-merge-base', bases: [b, c] });
  });
});

describe('planMerge: three-way rule', () => {
  it('merges changes on different paths cleanly', () => {
    const plan = merged(plan3(tree({ a: '1', b: '1', d: '1' }), tree({ a: '2', b: '1', d: '1' }), tree({ a: '1', b: '2', c: '1' })));
    expect(textsOf(plan.content)).toEqual({ a: '2', b: '2', c: '1' });
    expect(plan.applied).toEqual([
      { path: 'b', change: 'modified' },
      { path: 'c', change: 'added' },
      { path: 'd', change: 'deleted' },
    ]);
    expect(plan.resolved).toEqual([]);
    expect(plan.changed).toBe(true);
  });

  it('lists every both-changed path once, in code point order', () => {
    // U+E000 sorts before U+1F600 by code point, although UTF-16 units order them the other way.
    const paths = ['z', '\u{1F600}', '\uE000', 'a/b'];
    const base = tree(Object.fromEntries(paths.map((p) => [p, 'b'])));
    const plan = plan3(base, tree(Object.fromEntries(paths.map((p) => [p, 't']))), tree(Object.fromEntries(paths.map((p) => [p, 's']))));
    expect(plan).toEqual({
      kind: 'conflict',
      conflicts: ['a/b', 'z', '\uE000', '\u{1F600}'].map((path) => ({ path, reason: 'both-changed' })),
    });
  });

  it('treats delete against modify as a conflict', () => {
    expect(plan3(tree({ f: '1' }), tree({}), tree({ f: '2' }))).toEqual({ kind: 'conflict', conflicts: [{ path: 'f', reason: 'both-changed' }] });
    expect(plan3(tree({ f: '1' }), tree({ f: '2' }), tree({}))).toEqual({ kind: 'conflict', conflicts: [{ path: 'f', reason: 'both-changed' }] });
  });

  it('applies a delete made on one side only', () => {
    const plan = merged(plan3(tree({ f: '1', g: '1' }), tree({ f: '1', g: '1' }), tree({ g: '1' })));
    expect(textsOf(plan.content)).toEqual({ g: '1' });
    expect(plan.applied).toEqual([{ path: 'f', change: 'deleted' }]);
  });

  it('accepts a delete made on both sides and the same change made on both sides', () => {
    const plan = merged(plan3(tree({ f: '1', g: '1' }), tree({ g: '2' }), tree({ g: '2', h: '1' })));
    expect(textsOf(plan.content)).toEqual({ g: '2', h: '1' });
    expect(plan.applied).toEqual([{ path: 'h', change: 'added' }]);
    const same = merged(plan3(tree({ g: '1' }), tree({ g: '2' }), tree({ g: '2' })));
    expect(same.applied).toEqual([]);
    expect(same.changed).toBe(false);
  });

  it('settles conflicts with ours and theirs', () => {
    const args = [tree({ x: '1', y: '1' }), tree({ x: 't', y: '1' }), tree({ x: 's', y: '2' })] as const;
    const ours = merged(plan3(...args, 'ours'));
    expect(textsOf(ours.content)).toEqual({ x: 't', y: '2' });
    expect(ours.resolved).toEqual(['x']);
    expect(ours.applied).toEqual([{ path: 'y', change: 'modified' }]);
    const theirs = merged(plan3(...args, 'theirs'));
    expect(textsOf(theirs.content)).toEqual({ x: 's', y: '2' });
    expect(theirs.resolved).toEqual(['x']);
    expect(theirs.applied).toEqual([
      { path: 'x', change: 'modified' },
      { path: 'y', change: 'modified' },
    ]);
  });

  it('turns a file/directory collision in the result into a conflict', () => {
    const args = [tree({}), tree({ a: '1' }), tree({ 'a/b': '1' })] as const;
    expect(plan3(...args)).toEqual({ kind: 'conflict', conflicts: [{ path: 'a/b', reason: 'path-collision' }] });
    const ours = merged(plan3(...args, 'ours'));
    expect(ours).toMatchObject({ resolved: ['a/b'], applied: [], changed: false });
    const theirs = merged(plan3(...args, 'theirs'));
    expect(theirs).toMatchObject({ resolved: ['a'], changed: true });
    expect(theirs.applied).toEqual([
      { path: 'a', change: 'deleted' },
      { path: 'a/b', change: 'added' },
    ]);
  });

  it('treats the environment spec as one item', () => {
    const b = spec({ env: { A: '1' } });
    // Different fields changed on each side still conflict: the spec merges as a whole.
    const conflict = plan3(tree({}, b), tree({}, spec({ env: { A: '1' }, baseImage: 'node:20' })), tree({}, spec({ env: { A: '2' } })));
    expect(conflict).toEqual({ kind: 'conflict', conflicts: [{ path: '/environmentSpec', reason: 'both-changed' }] });
    const taken = merged(plan3(tree({ a: '1' }, b), tree({ a: '2' }, b), tree({ a: '1' }, null)));
    expect(taken.content.environmentSpec).toBeNull();
    expect(taken.applied).toEqual([{ path: '/environmentSpec', change: 'deleted' }]);
    const theirs = merged(plan3(tree({}, b), tree({}, spec()), tree({}, spec({ baseImage: 'x' })), 'theirs'));
    expect(theirs.content.environmentSpec).toEqual(spec({ baseImage: 'x' }));
    expect(theirs.resolved).toEqual(['/environmentSpec']);
  });

  it('stays cheap on a large tree with few changes and shares its structure', () => {
    const big: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) big[`src/f${i}.ts`] = String(i);
    const base = tree(big);
    const target = { files: base.files.set('src/f1.ts', createTextBlob('t')), environmentSpec: null };
    const source = { files: base.files.set('src/f2.ts', createTextBlob('s')), environmentSpec: null };
    const plan = merged(plan3(base, target, source));
    expect(plan.applied).toEqual([{ path: 'src/f2.ts', change: 'modified' }]);
    expect(countSharedNodes(target.files, plan.content.files)).toBeGreaterThan(20_000 - 100);
  });
});
