/**
 * The append-only revision DAG of one store (SEMANTICS §4). A revision's id is a history identity
 * from an injected generator, not a content hash.
 */
import { compareCodePoints } from './code-point-order.js';
import type { Content } from './content.js';
import { MaxHeap } from './max-heap.js';

/** A node of the history: content plus 0, 1 or 2 parents. */
export interface Revision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly content: Content;
  /**
   * 1 + the largest parent generation (roots are 1). A proper ancestor always has a smaller
   * generation, which lets walks stop early and visit descendants before ancestors.
   */
  readonly generation: number;
}

/** Makes fresh revision ids; must never repeat within a graph. */
export type RevisionIdGenerator = () => string;

// Flags for the merge-base walk: reached from the first head, from the second, or below a found base.
const FROM_A = 1;
const FROM_B = 2;
const STALE = 4;
const BOTH = FROM_A | FROM_B;

const NO_PARENTS: readonly string[] = Object.freeze([]);

/** Most cached merge-base answers kept; the cache is cleared when full (answers never go stale). */
const LCA_CACHE_LIMIT = 4096;

/** An append-only revision graph, owned by one store instance. */
export class RevisionGraph {
  private readonly revisions = new Map<string, Revision>();
  // Appending never changes an existing revision's ancestors, so merge bases can be memoised forever.
  private readonly lcaCache = new Map<string, readonly string[]>();

  constructor(private readonly nextId: RevisionIdGenerator) {}

  /** Number of revisions. */
  get size(): number {
    return this.revisions.size;
  }

  /**
   * Appends a revision with the given parents (existing, distinct, at most two) and content.
   * @throws Error on an unknown or repeated parent, or a repeated id from the generator.
   */
  append(parents: readonly string[], content: Content): Revision {
    if (parents.length > 2) throw new Error(`a revision has at most 2 parents, got ${parents.length}`);
    if (parents.length === 2 && parents[0] === parents[1]) throw new Error('a revision cannot list the same parent twice');
    let generation = 1;
    for (const p of parents) generation = Math.max(generation, this.require(p).generation + 1);
    const id = this.nextId();
    if (this.revisions.has(id)) throw new Error(`revision id generator repeated ${id}`);
    // Roots share one empty parent list: every create makes one.
    const kept = parents.length === 0 ? NO_PARENTS : Object.freeze([...parents]);
    const revision: Revision = Object.freeze({ id, parents: kept, content, generation });
    this.revisions.set(id, revision);
    return revision;
  }

  /** The revision with this id, if any. */
  get(id: string): Revision | undefined {
    return this.revisions.get(id);
  }

  /** Whether the graph holds this id. */
  has(id: string): boolean {
    return this.revisions.has(id);
  }

  /**
   * The revision with this id.
   * @throws Error when it is unknown (a broken invariant of the caller, not a client error).
   */
  require(id: string): Revision {
    const revision = this.revisions.get(id);
    if (revision === undefined) throw new Error(`unknown revision ${id}`);
    return revision;
  }

  /** Whether `ancestor` is an ancestor of `descendant` or the same revision. */
  isAncestor(ancestor: string, descendant: string): boolean {
    const target = this.require(ancestor);
    const start = this.require(descendant);
    if (target.id === start.id) return true;
    const seen = new Set<string>([start.id]);
    const stack: Revision[] = [start];
    for (let r = stack.pop(); r !== undefined; r = stack.pop()) {
      for (const p of r.parents) {
        if (p === target.id) return true;
        const parent = this.require(p);
        // Nothing at or below the target's generation can lead to it.
        if (parent.generation > target.generation && !seen.has(p)) {
          seen.add(p);
          stack.push(parent);
        }
      }
    }
    return false;
  }

  /**
   * All lowest common ancestors of two revisions (ancestor-or-self semantics), sorted by id.
   * Empty for unrelated histories; two or more on criss-cross histories.
   *
   * A "paint down" walk (as in git's merge-base) in strict generation order: a node reached from
   * both heads and not below an already found one is a lowest common ancestor. Because every node
   * is visited after all its descendants in the walk, its flags are complete when it is visited,
   * so no redundancy filter is needed. The walk stops as soon as only stale nodes remain, so it
   * stays near the heads on long histories.
   */
  lowestCommonAncestors(a: string, b: string): string[] {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const cached = this.lcaCache.get(key);
    if (cached !== undefined) return [...cached];
    const result = this.paintDown(this.require(a), this.require(b)).sort(compareCodePoints);
    if (this.lcaCache.size >= LCA_CACHE_LIMIT) this.lcaCache.clear();
    this.lcaCache.set(key, Object.freeze([...result]));
    return result;
  }

  private paintDown(a: Revision, b: Revision): string[] {
    const flags = new Map<string, number>();
    const queued = new Set<string>();
    const queue = new MaxHeap<Revision>((r) => r.generation);
    let liveQueued = 0; // queued revisions without STALE: the walk ends when none are left
    const paint = (r: Revision, add: number): void => {
      const before = flags.get(r.id) ?? 0;
      const after = before | add;
      if (after === before) return;
      flags.set(r.id, after);
      if (!queued.has(r.id)) {
        queued.add(r.id);
        queue.push(r);
        if ((after & STALE) === 0) liveQueued++;
      } else if ((before & STALE) === 0 && (after & STALE) !== 0) {
        liveQueued--;
      }
    };
    paint(a, FROM_A);
    paint(b, FROM_B);
    const found: string[] = [];
    while (liveQueued > 0) {
      const r = queue.pop();
      if (r === undefined) break;
      queued.delete(r.id);
      let f = flags.get(r.id) ?? 0;
      if ((f & STALE) === 0) {
        liveQueued--;
        if ((f & BOTH) === BOTH) {
          found.push(r.id);
          f |= STALE;
          flags.set(r.id, f);
        }
      }
      for (const p of r.parents) paint(this.require(p), f);
    }
    return found;
  }
}
