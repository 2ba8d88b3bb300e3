/**
 * Workspace content: the file tree plus the optional environment spec (domain-rules "Content").
 */
import { compareCodePoints } from './code-point-order.js';
import { diffFileMaps, type FileChange } from './file-map-diff.js';
import { ENVIRONMENT_SPEC_PATH, environmentSpecEquals, type EnvironmentSpec } from './environment-spec.js';
import { PersistentFileMap } from './persistent-file-map.js';

/** What a revision holds. Immutable; shares structure freely. */
export interface Content {
  readonly files: PersistentFileMap;
  readonly environmentSpec: EnvironmentSpec | null;
}

/** No files, no spec: the baseline of a session that has never committed and was not forked. */
export const EMPTY_CONTENT: Content = Object.freeze({ files: PersistentFileMap.EMPTY, environmentSpec: null });

/** Same paths with equal files and deep-equal specs. */
export function contentEquals(a: Content, b: Content): boolean {
  return a === b || (a.files.equals(b.files) && environmentSpecEquals(a.environmentSpec, b.environmentSpec));
}

/** How the spec changed between two states, or null when it did not. */
export function environmentSpecChange(from: EnvironmentSpec | null, to: EnvironmentSpec | null): FileChange | null {
  if (environmentSpecEquals(from, to)) return null;
  const change = from === null ? 'added' : to === null ? 'deleted' : 'modified';
  return { path: ENVIRONMENT_SPEC_PATH, change };
}

/**
 * The changes turning `from` into `to`, sorted by path in code point order, with the spec as the
 * pseudo-path `/environmentSpec` in its sorted place.
 */
export function diffContent(from: Content, to: Content): FileChange[] {
  const changes = diffFileMaps(from.files, to.files);
  const spec = environmentSpecChange(from.environmentSpec, to.environmentSpec);
  if (spec !== null) insertSorted(changes, spec);
  return changes;
}

/** Inserts one change into a list sorted by path, keeping it sorted. */
export function insertSorted(changes: FileChange[], change: FileChange): void {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCodePoints((changes[mid] as FileChange).path, change.path) < 0) lo = mid + 1;
    else hi = mid;
  }
  changes.splice(lo, 0, change);
}
