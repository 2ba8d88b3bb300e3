/**
 * Workspace content (files + environment spec), its equality and the diff every change list uses.
 * Content values are treated as immutable: every change builds a whole new copy.
 */
import { compareCodePoints } from './code-point-order.js';
import type { FileBytes } from './bytes.js';
import { cloneSpec, specEquals, type EnvironmentSpec } from './environment-spec.js';

/** The pseudo-path of the environment spec in change, conflict and resolved lists. */
export const ENV_SPEC_PATH = '/environmentSpec';

/** A workspace's content at one revision. */
export interface Content {
  readonly files: ReadonlyMap<string, FileBytes>;
  readonly environmentSpec: EnvironmentSpec | null;
}

/** What happened to one item between two contents. */
export type ChangeKind = 'added' | 'modified' | 'deleted';

/** One changed item; `path` is a file path or {@link ENV_SPEC_PATH}. */
export interface Change {
  path: string;
  change: ChangeKind;
}

/** The empty tree with no environment spec: the baseline of a session created from scratch. */
export function emptyContent(): Content {
  return { files: new Map(), environmentSpec: null };
}

/** A new content value (files copied, spec deep-copied). */
export function makeContent(files: ReadonlyMap<string, FileBytes>, spec: EnvironmentSpec | null): Content {
  return { files: new Map(files), environmentSpec: cloneSpec(spec) };
}

/** A copy with one file set. */
export function withFile(content: Content, path: string, bytes: FileBytes): Content {
  const files = new Map(content.files);
  files.set(path, bytes);
  return makeContent(files, content.environmentSpec);
}

/** A copy without one file. */
export function withoutFile(content: Content, path: string): Content {
  const files = new Map(content.files);
  files.delete(path);
  return makeContent(files, content.environmentSpec);
}

/** A copy with another environment spec. */
export function withSpec(content: Content, spec: EnvironmentSpec | null): Content {
  return makeContent(content.files, spec);
}

/** Same paths, byte-equal files, deep-equal specs. */
export function contentEquals(a: Content, b: Content): boolean {
  if (a.files.size !== b.files.size) return false;
  for (const [path, bytes] of a.files) {
    if (b.files.get(path) !== bytes) return false;
  }
  return specEquals(a.environmentSpec, b.environmentSpec);
}

/** The changes that turn `from` into `to`, sorted by path in code point order. */
export function diffContents(from: Content, to: Content): Change[] {
  const changes: Change[] = [];
  const paths = new Set([...from.files.keys(), ...to.files.keys()]);
  for (const path of paths) {
    const before = from.files.get(path);
    const after = to.files.get(path);
    if (before === undefined && after !== undefined) changes.push({ path, change: 'added' });
    else if (before !== undefined && after === undefined) changes.push({ path, change: 'deleted' });
    else if (before !== after) changes.push({ path, change: 'modified' });
  }
  const specBefore = from.environmentSpec;
  const specAfter = to.environmentSpec;
  if (specBefore === null && specAfter !== null) changes.push({ path: ENV_SPEC_PATH, change: 'added' });
  else if (specBefore !== null && specAfter === null) changes.push({ path: ENV_SPEC_PATH, change: 'deleted' });
  else if (!specEquals(specBefore, specAfter)) changes.push({ path: ENV_SPEC_PATH, change: 'modified' });
  return changes.sort((x, y) => compareCodePoints(x.path, y.path));
}
