/**
 * Merge planning (SEMANTICS §8, contract README §3 "Merge"): decides what a merge of two heads
 * would do without changing anything. The caller (handlers/merge.ts) acts on the plan.
 */
import { compareCodePoints, sortByCodePoints } from './code-point-order.js';
import { contentEquals, diffContent, type Content } from './content.js';
import { ENVIRONMENT_SPEC_PATH, environmentSpecEquals, type EnvironmentSpec } from './environment-spec.js';
import { fileBlobEquals, type FileBlob } from './file-blob.js';
import { diffFileMaps, type FileChange } from './file-map-diff.js';
import { putPath, settleCollisions } from './merge-collisions.js';
import type { ConflictReason, MergeConflict, MergeInput, MergePlan, MergeStrategy } from './merge-types.js';
import type { PersistentFileMap } from './persistent-file-map.js';

/**
 * Plans the merge of `sourceHead` into `targetHead`.
 *
 * Order of decisions: no common ancestor → `unrelated-histories`; several lowest common ancestors
 * → `ambiguous-merge-base` (bases sorted); source ancestor-or-self of target → `up-to-date`; target
 * ancestor of source → `fast-forward`; otherwise a three-way merge over the paths either side
 * changed since the base, plus the environment spec as the single item `/environmentSpec`.
 *
 * Cost: proportional to the number of paths changed since the base (times log n), never to the
 * size of the trees, because only base→target and base→source diffs are walked.
 */
export function planMerge(input: MergeInput): MergePlan {
  const { graph, targetHead, sourceHead } = input;
  const bases = graph.lowestCommonAncestors(targetHead, sourceHead);
  const [base] = bases;
  if (base === undefined) return { kind: 'unrelated-histories' };
  if (bases.length > 1) return { kind: 'ambiguous-merge-base', bases: sortByCodePoints(bases) };
  // The single lowest common ancestor is one of the heads exactly when that head is an ancestor
  // (or self) of the other; checking the source first makes "same head" an up-to-date answer.
  if (base === sourceHead) return { kind: 'up-to-date' };
  const target = graph.require(targetHead).content;
  const source = graph.require(sourceHead).content;
  if (base === targetHead) return { kind: 'fast-forward', applied: diffContent(target, source) };
  return threeWay(graph.require(base).content, target, source, input.strategy ?? 'fail');
}

/** The per-item rule: t = s → t; t = b → s; s = b → t; else a conflict (absent counts as a value). */
function pick<T>(b: T, t: T, s: T, equal: (x: T, y: T) => boolean): { readonly value: T; readonly conflict: boolean } {
  if (equal(t, s)) return { value: t, conflict: false };
  if (equal(t, b)) return { value: s, conflict: false };
  if (equal(s, b)) return { value: t, conflict: false };
  return { value: t, conflict: true };
}

function threeWay(base: Content, target: Content, source: Content, strategy: MergeStrategy): MergePlan {
  // Paths outside both diffs have b = t = s, so the result already equals the target there.
  const candidates = unionOfPaths(diffFileMaps(base.files, target.files), diffFileMaps(base.files, source.files));
  const conflicts = new Map<string, ConflictReason>();
  // R starts as the target's tree (structurally shared) and is patched only at changed paths.
  let files = target.files;
  for (const p of candidates) {
    const outcome = pick<FileBlob | undefined>(base.files.get(p), target.files.get(p), source.files.get(p), fileBlobEquals);
    if (outcome.conflict) conflicts.set(p, 'both-changed');
    const value = outcome.conflict && strategy === 'theirs' ? source.files.get(p) : outcome.value;
    files = putPath(files, p, value);
  }

  const spec = pick<EnvironmentSpec | null>(base.environmentSpec, target.environmentSpec, source.environmentSpec, environmentSpecEquals);
  if (spec.conflict) conflicts.set(ENVIRONMENT_SPEC_PATH, 'both-changed');
  const environmentSpec = spec.conflict && strategy === 'theirs' ? source.environmentSpec : spec.value;

  // Both-changed paths already hold their reference value in R, so settleCollisions never reports
  // them again: every conflicting path is listed once, with its first reason.
  const reference: PersistentFileMap = strategy === 'theirs' ? source.files : target.files;
  const settled = settleCollisions(files, reference, candidates, strategy !== 'fail');
  for (const p of settled.collided) if (!conflicts.has(p)) conflicts.set(p, 'path-collision');

  const conflictPaths = sortByCodePoints(conflicts.keys());
  if (strategy === 'fail' && conflictPaths.length > 0) {
    const list: MergeConflict[] = conflictPaths.map((path) => ({ path, reason: conflicts.get(path) ?? 'both-changed' }));
    return { kind: 'conflict', conflicts: list };
  }
  const content: Content = { files: settled.files, environmentSpec };
  return { kind: 'merged', content, applied: diffContent(target, content), resolved: conflictPaths, changed: !contentEquals(target, content) };
}

/** Merges two path-sorted change lists into one sorted list of distinct paths. */
function unionOfPaths(a: readonly FileChange[], b: readonly FileChange[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i]?.path;
    const y = b[j]?.path;
    if (y === undefined || (x !== undefined && compareCodePoints(x, y) < 0)) {
      out.push(x as string);
      i++;
    } else if (x === undefined || compareCodePoints(x, y) > 0) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}
