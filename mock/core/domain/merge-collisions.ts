/**
 * Rule 5 of the merge: settling file/directory collisions in the merged tree R.
 *
 * A collision is a pair of files p, q in R with q under p + "/". The reference tree (target under
 * fail/ours, source under theirs) has none, so every pair has at least one side whose value differs
 * from the reference; exactly those sides are conflicts. Hence a pass only needs the paths that
 * differ from the reference: x conflicts iff x is a file in R and R.collidesWith(x).
 *
 * Passes are batch-wise: all conflicts of a pass are found on the R at the start of the pass, then
 * all are set to their reference value, then the next pass looks again.
 */
import type { FileBlob } from './file-blob.js';
import type { PersistentFileMap } from './persistent-file-map.js';

/** Result of settling collisions. */
export interface CollisionOutcome {
  /** R after the passes (unchanged under `fail`). */
  readonly files: PersistentFileMap;
  /** Paths found colliding, in order of discovery (first pass only under `fail`). */
  readonly collided: readonly string[];
}

/** Sets or deletes one path to match an optional blob. */
export function putPath(files: PersistentFileMap, path: string, blob: FileBlob | undefined): PersistentFileMap {
  return blob === undefined ? files.delete(path) : files.set(path, blob);
}

/**
 * Finds collisions among `candidates` (every path where R may differ from the reference) and, when
 * `resolve` is true, resets them to the reference until R has none.
 */
export function settleCollisions(
  merged: PersistentFileMap,
  reference: PersistentFileMap,
  candidates: readonly string[],
  resolve: boolean,
): CollisionOutcome {
  let files = merged;
  let differing = candidates.filter((p) => files.get(p)?.sha256 !== reference.get(p)?.sha256);
  const collided: string[] = [];
  for (;;) {
    const current = files;
    const found = differing.filter((p) => current.has(p) && current.collidesWith(p));
    if (found.length === 0) break;
    collided.push(...found);
    if (!resolve) break;
    for (const p of found) files = putPath(files, p, reference.get(p));
    const settled = new Set(found);
    // A reset path now equals the reference and is never looked at again, so the loop ends.
    differing = differing.filter((p) => !settled.has(p));
  }
  return { files, collided };
}
