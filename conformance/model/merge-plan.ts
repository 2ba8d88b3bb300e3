/**
 * The three-way rule of SEMANTICS §8 / contract README §3 steps 4–5, on whole contents: per item
 * (every path, plus the spec as `/environmentSpec`) t = s → t; t = b → s; s = b → t; else a
 * conflict. Then the path-collision passes. Plain and quadratic on purpose.
 */
import { compareCodePoints, sortedUnique } from './code-point-order.js';
import { makeContent, type Content } from './content.js';
import type { FileBytes } from './bytes.js';
import { specEquals } from './environment-spec.js';
import type { Conflict, ConflictReason } from './outcome.js';

/** A merge strategy. */
export type Strategy = 'fail' | 'ours' | 'theirs';

/** What merging yields: the result content, or the conflicts that stop a `fail` merge. */
export type MergePlan =
  | { readonly ok: true; readonly result: Content; readonly resolved: string[] }
  | { readonly ok: false; readonly conflicts: Conflict[] };

/** The pseudo-path of the spec. */
const SPEC = '/environmentSpec';

function collidingPairs(files: ReadonlyMap<string, FileBytes>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const p of files.keys()) for (const q of files.keys()) if (q.startsWith(`${p}/`)) pairs.push([p, q]);
  return pairs;
}

/** Plans a three-way merge of `target` and `source` from `base`. */
export function planMerge(base: Content, target: Content, source: Content, strategy: Strategy): MergePlan {
  const reasons = new Map<string, ConflictReason>();
  const result = new Map<string, FileBytes>();
  const paths = new Set([...base.files.keys(), ...target.files.keys(), ...source.files.keys()]);
  for (const path of paths) {
    const b = base.files.get(path);
    const t = target.files.get(path);
    const s = source.files.get(path);
    let value: FileBytes | undefined;
    if (t === s) value = t;
    else if (t === b) value = s;
    else if (s === b) value = t;
    else {
      reasons.set(path, 'both-changed');
      value = strategy === 'theirs' ? s : t;
    }
    if (value !== undefined) result.set(path, value);
  }
  const [bs, ts, ss] = [base.environmentSpec, target.environmentSpec, source.environmentSpec];
  let spec = ts;
  if (specEquals(ts, ss)) spec = ts;
  else if (specEquals(ts, bs)) spec = ss;
  else if (specEquals(ss, bs)) spec = ts;
  else {
    reasons.set(SPEC, 'both-changed');
    spec = strategy === 'theirs' ? ss : ts;
  }
  // Collisions: the side a strategy keeps is collision-free, so reverting to it always ends.
  const keep = strategy === 'theirs' ? source : target;
  for (;;) {
    const pairs = collidingPairs(result);
    if (pairs.length === 0) break;
    const offenders = new Set<string>();
    for (const [p, q] of pairs) for (const x of [p, q]) if (result.get(x) !== keep.files.get(x)) offenders.add(x);
    for (const x of offenders) {
      if (!reasons.has(x)) reasons.set(x, 'path-collision');
      const kept = keep.files.get(x);
      if (kept === undefined) result.delete(x);
      else result.set(x, kept);
    }
    if (strategy === 'fail') break;
  }
  if (strategy === 'fail' && reasons.size > 0) {
    const conflicts = [...reasons.entries()].map(([path, reason]) => ({ path, reason }));
    return { ok: false, conflicts: conflicts.sort((a, b) => compareCodePoints(a.path, b.path)) };
  }
  return { ok: true, result: makeContent(result, spec), resolved: sortedUnique(reasons.keys()) };
}
