/**
 * The revision DAG (SEMANTICS §4): nodes are told to the model with the id the server reported;
 * the model keeps every node forever (nothing removes a revision anything points at).
 */
import type { Content } from './content.js';

/** One node of the history: an identity, 0–2 parents and the content it holds. */
export interface Revision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly content: Content;
}

/** Every revision the model has seen, shared by all sessions (forks share history). */
export class RevisionGraph {
  private readonly nodes = new Map<string, Revision>();

  /** Records a node. Its parents must already be known: history only grows at the leaves. */
  add(revision: Revision): void {
    if (this.nodes.has(revision.id)) throw new Error(`revision ${revision.id} is already recorded`);
    for (const parent of revision.parents) {
      if (!this.nodes.has(parent)) throw new Error(`parent ${parent} of ${revision.id} is unknown`);
    }
    this.nodes.set(revision.id, revision);
  }

  /** A copy that can grow on its own; the revisions themselves are immutable, so they are shared. */
  clone(): RevisionGraph {
    const copy = new RevisionGraph();
    for (const [id, node] of this.nodes) copy.nodes.set(id, node);
    return copy;
  }

  /** Whether the id names a recorded revision. */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** The node; throws for an unknown id (a bug in the model, not in the server). */
  get(id: string): Revision {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`unknown revision ${id}`);
    return node;
  }

  /** The content of a revision. */
  content(id: string): Content {
    return this.get(id).content;
  }

  /** All ancestors of `id`, including `id` itself (a plain depth-first walk). */
  ancestors(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop();
      if (current === undefined || seen.has(current)) continue;
      seen.add(current);
      stack.push(...this.get(current).parents);
    }
    return seen;
  }

  /** Whether `ancestor` is `descendant` or one of its ancestors. */
  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor);
  }

  /**
   * The lowest common ancestors of two revisions, the naive way: intersect the full ancestor sets,
   * then drop every member that is a proper ancestor of another member.
   */
  lowestCommonAncestors(a: string, b: string): string[] {
    const ofB = this.ancestors(b);
    const common = [...this.ancestors(a)].filter((id) => ofB.has(id));
    return common.filter((candidate) =>
      !common.some((other) => other !== candidate && this.isAncestor(candidate, other)),
    );
  }
}
