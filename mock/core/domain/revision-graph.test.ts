import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RevisionGraph } from './revision-graph.js';
import { EMPTY_CONTENT } from './content.js';

function counterIds(prefix = 'r'): () => string {
  let n = 0;
  return () => `${prefix}${n++}`;
}

/** Builds a graph from [name, parents] rows; returns name → id. */
function build(rows: readonly (readonly [string, readonly string[]])[]): { graph: RevisionGraph; id: (name: string) => string } {
  const graph = new RevisionGraph(counterIds());
  const ids = new Map<string, string>();
  for (const [name, parents] of rows) {
    ids.set(name, graph.append(parents.map((p) => ids.get(p) ?? ''), EMPTY_CONTENT).id);
  }
  const id = (name: string): string => ids.get(name) ?? '';
  return { graph, id };
}

function namesOf(ids: readonly string[], id: (n: string) => string, names: readonly string[]): string[] {
  return ids.map((x) => names.find((n) => id(n) === x) ?? '?').sort();
}

describe('RevisionGraph', () => {
  it('takes ids from the injected generator and rejects bad parents', () => {
    const graph = new RevisionGraph(counterIds('rev_'));
    const root = graph.append([], EMPTY_CONTENT);
    expect(root.id).toBe('rev_0');
    expect(root.generation).toBe(1);
    const child = graph.append([root.id], EMPTY_CONTENT);
    expect(child.parents).toEqual(['rev_0']);
    expect(child.generation).toBe(2);
    expect(() => graph.append(['nope'], EMPTY_CONTENT)).toThrow(/unknown revision/);
    expect(() => graph.append([root.id, root.id], EMPTY_CONTENT)).toThrow(/twice/);
    expect(graph.size).toBe(2);
  });

  it('rejects a generator that repeats an id', () => {
    const graph = new RevisionGraph(() => 'same');
    graph.append([], EMPTY_CONTENT);
    expect(() => graph.append([], EMPTY_CONTENT)).toThrow(/repeated/);
  });

  it('answers ancestry and merge bases on a linear history', () => {
    const { graph, id } = build([['a', []], ['b', ['a']], ['c', ['b']]]);
    expect(graph.isAncestor(id('a'), id('c'))).toBe(true);
    expect(graph.isAncestor(id('c'), id('a'))).toBe(false);
    expect(graph.isAncestor(id('b'), id('b'))).toBe(true);
    expect(graph.lowestCommonAncestors(id('a'), id('c'))).toEqual([id('a')]);
    expect(graph.lowestCommonAncestors(id('c'), id('c'))).toEqual([id('c')]);
  });

  it('finds the fork point of two branches', () => {
    const { graph, id } = build([['a', []], ['b', ['a']], ['x1', ['b']], ['x2', ['x1']], ['y1', ['b']]]);
    expect(graph.lowestCommonAncestors(id('x2'), id('y1'))).toEqual([id('b')]);
    expect(graph.lowestCommonAncestors(id('y1'), id('x2'))).toEqual([id('b')]);
    expect(graph.isAncestor(id('x1'), id('y1'))).toBe(false);
  });

  it('finds both bases of a criss-cross history', () => {
    // x and y each merged the other's first commit: x2 = merge(x1, y1), y2 = merge(y1, x1).
    const names = ['base', 'x1', 'y1', 'x2', 'y2'];
    const { graph, id } = build([['base', []], ['x1', ['base']], ['y1', ['base']], ['x2', ['x1', 'y1']], ['y2', ['y1', 'x1']]]);
    expect(namesOf(graph.lowestCommonAncestors(id('x2'), id('y2')), id, names)).toEqual(['x1', 'y1']);
  });

  it('finds nothing for unrelated histories', () => {
    const { graph, id } = build([['a', []], ['a2', ['a']], ['z', []], ['z2', ['z']]]);
    expect(graph.lowestCommonAncestors(id('a2'), id('z2'))).toEqual([]);
    expect(graph.isAncestor(id('a'), id('z2'))).toBe(false);
  });

  it('handles a merge of a merge (one base after a resolved criss-cross)', () => {
    const { graph, id } = build([['r', []], ['a', ['r']], ['b', ['r']], ['m', ['a', 'b']], ['c', ['m']], ['d', ['m']]]);
    expect(graph.lowestCommonAncestors(id('c'), id('d'))).toEqual([id('m')]);
    expect(graph.lowestCommonAncestors(id('c'), id('b'))).toEqual([id('b')]);
  });

  it('copes with long chains without deep recursion', () => {
    const graph = new RevisionGraph(counterIds());
    let head = graph.append([], EMPTY_CONTENT).id;
    const root = head;
    for (let i = 0; i < 20_000; i++) head = graph.append([head], EMPTY_CONTENT).id;
    const fork = graph.append([head], EMPTY_CONTENT).id;
    const other = graph.append([head], EMPTY_CONTENT).id;
    expect(graph.lowestCommonAncestors(fork, other)).toEqual([head]);
    expect(graph.isAncestor(root, fork)).toBe(true);
    expect(graph.lowestCommonAncestors(root, fork)).toEqual([root]);
  });

  it('agrees with the set definition on random DAGs', () => {
    // Each node i picks up to two parents among earlier nodes (or none: a new root).
    const dagArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(dagArb, fc.nat(), fc.nat(), (rows, pa, pb) => {
        const graph = new RevisionGraph(counterIds());
        const parentsOf: number[][] = [];
        rows.forEach(([x, y, kind], i) => {
          const ps = i === 0 || kind === 0 ? [] : kind === 1 ? [x % i] : [x % i, y % i];
          const unique = [...new Set(ps)];
          parentsOf.push(unique);
          graph.append(unique.map((p) => `r${p}`), EMPTY_CONTENT);
        });
        const anc = (i: number): Set<number> => {
          const out = new Set<number>([i]);
          const stack = [i];
          for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
            for (const p of parentsOf[n] ?? []) {
              if (!out.has(p)) {
                out.add(p);
                stack.push(p);
              }
            }
          }
          return out;
        };
        const a = pa % rows.length;
        const b = pb % rows.length;
        const common = [...anc(a)].filter((x) => anc(b).has(x));
        const lowest = common.filter((c) => !common.some((d) => d !== c && anc(d).has(c)));
        const expected = lowest.map((n) => `r${n}`).sort();
        expect(graph.lowestCommonAncestors(`r${a}`, `r${b}`)).toEqual(expected);
        expect(graph.isAncestor(`r${a}`, `r${b}`)).toBe(anc(b).has(a));
      }),
      { numRuns: 300 },
    );
  });
});
