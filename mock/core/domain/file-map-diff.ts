/**
 * Diff of two file maps. Both are canonical treaps (treap.ts), so where they hold the same keys they
 * have the same shape; the walk skips subtrees shared by identity and only splits where shapes part.
 */
import { fileBlobEquals } from './file-blob.js';
import type { PersistentFileMap } from './persistent-file-map.js';
import { nodesFrom, outranks, split, type Tree } from './treap.js';

/** How one path changed between two states. */
export type ChangeKind = 'added' | 'modified' | 'deleted';

/** One changed path (or `/environmentSpec`). */
export interface FileChange {
  readonly path: string;
  readonly change: ChangeKind;
}

/**
 * The changes turning `from` into `to`, sorted by path (code point order), comparing files by hash.
 * Cost is proportional to the differences (times log n) when the maps share structure, O(n) at worst.
 */
export function diffFileMaps(from: PersistentFileMap, to: PersistentFileMap): FileChange[] {
  const out: FileChange[] = [];
  diffTrees(from.root, to.root, out);
  return out;
}

function pushAll(t: Tree, change: ChangeKind, out: FileChange[]): void {
  for (const node of nodesFrom(t, null, false)) out.push({ path: node.key, change });
}

// Emits in key order: left subtree, the root, right subtree.
function diffTrees(a: Tree, b: Tree, out: FileChange[]): void {
  if (a === b) return;
  if (a === null) return pushAll(b, 'added', out);
  if (b === null) return pushAll(a, 'deleted', out);
  if (a.key === b.key) {
    diffTrees(a.left, b.left, out);
    if (!fileBlobEquals(a.value, b.value)) out.push({ path: a.key, change: 'modified' });
    diffTrees(a.right, b.right, out);
    return;
  }
  // The higher-ranked root's key cannot be in the other tree (it would be that tree's root), so
  // split the other tree around it and recurse on matching halves.
  if (outranks(a, b)) {
    const [bl, , br] = split(b, a.key);
    diffTrees(a.left, bl, out);
    out.push({ path: a.key, change: 'deleted' });
    diffTrees(a.right, br, out);
  } else {
    const [al, , ar] = split(a, b.key);
    diffTrees(al, b.left, out);
    out.push({ path: b.key, change: 'added' });
    diffTrees(ar, b.right, out);
  }
}
