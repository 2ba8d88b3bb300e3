/**
 * The vocabulary of a merge plan (SEMANTICS §8, domain-rules "Merge").
 */
import type { Content } from './content.js';
import type { FileChange } from './file-map-diff.js';

/** How conflicts are answered: refuse (`fail`), keep the target's side (`ours`) or the source's (`theirs`). */
export type MergeStrategy = 'fail' | 'ours' | 'theirs';

/** Why a path conflicts: both sides changed it differently, or the result would be file and directory. */
export type ConflictReason = 'both-changed' | 'path-collision';

/** One conflicting path (or `/environmentSpec`). */
export interface MergeConflict {
  readonly path: string;
  readonly reason: ConflictReason;
}

/** What the merge needs from the revision graph (RevisionGraph satisfies it). */
export interface MergeGraph {
  require(id: string): { readonly content: Content };
  lowestCommonAncestors(a: string, b: string): string[];
}

/** Input of {@link planMerge}. */
export interface MergeInput {
  readonly graph: MergeGraph;
  readonly targetHead: string;
  readonly sourceHead: string;
  /** Defaults to `fail`. */
  readonly strategy?: MergeStrategy;
}

/**
 * The decision, for the caller to act on (the plan itself changes nothing):
 * - `unrelated-histories` / `ambiguous-merge-base` / `conflict`: 409, nothing changes;
 * - `up-to-date`: 200, nothing changes;
 * - `fast-forward`: move the target head to `sourceHead` (no new revision);
 * - `merged`: when `changed`, append a revision with parents [targetHead, sourceHead] and `content`;
 *   otherwise the result equals the target's content and nothing changes.
 */
export type MergePlan =
  | { readonly kind: 'unrelated-histories' }
  | { readonly kind: 'ambiguous-merge-base'; readonly bases: readonly string[] }
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'fast-forward'; readonly applied: readonly FileChange[] }
  | { readonly kind: 'conflict'; readonly conflicts: readonly MergeConflict[] }
  | {
      readonly kind: 'merged';
      readonly content: Content;
      readonly applied: readonly FileChange[];
      readonly resolved: readonly string[];
      readonly changed: boolean;
    };
