/**
 * Persistent treap nodes keyed by path (code point order) — the engine under PersistentFileMap.
 *
 * Each key's priority is a hash of the key, not a random draw. A treap's shape is fixed by its keys
 * and their priorities, so two maps holding the same paths have the same shape whatever order they
 * were built in. That makes equality and diff a walk over two trees that line up node for node, and
 * lets them skip every subtree the two maps share by identity. Updates copy only the O(log n) nodes
 * on one root-to-leaf path; everything else is shared.
 */
import { compareCodePoints } from './code-point-order.js';
import type { FileBlob } from './file-blob.js';

/** An immutable tree node. `size` counts the nodes of the subtree rooted here. */
export interface TreapNode {
  readonly key: string;
  readonly value: FileBlob;
  readonly priority: number;
  readonly left: TreapNode | null;
  readonly right: TreapNode | null;
  readonly size: number;
}

/** A subtree, possibly empty. */
export type Tree = TreapNode | null;

/** Deterministic 32-bit priority: FNV-1a over UTF-16 units, then murmur3's avalanche finaliser. */
export function keyPriority(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Heap order: higher priority nearer the root; ties broken by key so the order is total. */
export function outranks(a: { priority: number; key: string }, b: { priority: number; key: string }): boolean {
  return a.priority > b.priority || (a.priority === b.priority && compareCodePoints(a.key, b.key) < 0);
}

/** Size of a possibly empty subtree. */
export function sizeOf(t: Tree): number {
  return t === null ? 0 : t.size;
}

/** Makes a node, computing its subtree size. */
export function makeNode(key: string, value: FileBlob, priority: number, left: Tree, right: Tree): TreapNode {
  return { key, value, priority, left, right, size: 1 + sizeOf(left) + sizeOf(right) };
}

/** The node holding `key`, if any. */
export function findNode(t: Tree, key: string): TreapNode | null {
  let node = t;
  while (node !== null) {
    const c = compareCodePoints(key, node.key);
    if (c === 0) return node;
    node = c < 0 ? node.left : node.right;
  }
  return null;
}

/** Splits into keys below `key`, the node at `key` (if any) and keys above; copies one path only. */
export function split(t: Tree, key: string): [Tree, TreapNode | null, Tree] {
  if (t === null) return [null, null, null];
  const c = compareCodePoints(key, t.key);
  if (c === 0) return [t.left, t, t.right];
  if (c < 0) {
    const [l, found, r] = split(t.left, key);
    return [l, found, makeNode(t.key, t.value, t.priority, r, t.right)];
  }
  const [l, found, r] = split(t.right, key);
  return [makeNode(t.key, t.value, t.priority, t.left, l), found, r];
}

/** Joins two treaps where every key of `l` sorts before every key of `r`. */
export function join(l: Tree, r: Tree): Tree {
  if (l === null) return r;
  if (r === null) return l;
  if (outranks(l, r)) return makeNode(l.key, l.value, l.priority, l.left, join(l.right, r));
  return makeNode(r.key, r.value, r.priority, join(l, r.left), r.right);
}

/** Inserts or replaces `key`. */
export function insert(t: Tree, key: string, value: FileBlob, priority: number): TreapNode {
  if (t === null) return makeNode(key, value, priority, null, null);
  const c = compareCodePoints(key, t.key);
  // Same key means same priority, so this test comes before the rank test.
  if (c === 0) return makeNode(key, value, t.priority, t.left, t.right);
  if (outranks({ priority, key }, t)) {
    // The key is absent below t (it would outrank t), so the split has no middle.
    const [l, , r] = split(t, key);
    return makeNode(key, value, priority, l, r);
  }
  if (c < 0) return makeNode(t.key, t.value, t.priority, insert(t.left, key, value, priority), t.right);
  return makeNode(t.key, t.value, t.priority, t.left, insert(t.right, key, value, priority));
}

/** Removes `key`; returns the same tree object when it is absent. */
export function remove(t: Tree, key: string): Tree {
  if (t === null) return null;
  const c = compareCodePoints(key, t.key);
  if (c === 0) return join(t.left, t.right);
  if (c < 0) {
    const left = remove(t.left, key);
    return left === t.left ? t : makeNode(t.key, t.value, t.priority, left, t.right);
  }
  const right = remove(t.right, key);
  return right === t.right ? t : makeNode(t.key, t.value, t.priority, t.left, right);
}

interface MutableNode {
  key: string;
  value: FileBlob;
  priority: number;
  left: MutableNode | null;
  right: MutableNode | null;
  size: number;
}

/** Builds a treap from entries already sorted by key and free of duplicates, in O(n). */
export function buildFromSorted(entries: readonly (readonly [string, FileBlob])[]): Tree {
  // Cartesian-tree construction: a stack holds the right spine of the tree built so far.
  const spine: MutableNode[] = [];
  for (const [key, value] of entries) {
    const node: MutableNode = { key, value, priority: keyPriority(key), left: null, right: null, size: 1 };
    let last: MutableNode | null = null;
    while (spine.length > 0 && outranks(node, spine[spine.length - 1] as MutableNode)) last = spine.pop() ?? null;
    node.left = last;
    const top = spine[spine.length - 1];
    if (top !== undefined) top.right = node;
    spine.push(node);
  }
  const root = spine[0] ?? null;
  fixSizes(root);
  return root;
}

function fixSizes(node: MutableNode | null): number {
  if (node === null) return 0;
  node.size = 1 + fixSizes(node.left) + fixSizes(node.right);
  return node.size;
}

/**
 * In-order nodes whose key sorts after `bound` (or at it, when `inclusive`). Only the nodes visited
 * are touched: starting costs O(log n), each step amortised O(1).
 */
export function* nodesFrom(t: Tree, bound: string | null, inclusive: boolean): Generator<TreapNode> {
  const stack: TreapNode[] = [];
  let node = t;
  while (node !== null) {
    const c = bound === null ? 1 : compareCodePoints(node.key, bound);
    if (c > 0 || (c === 0 && inclusive)) {
      stack.push(node);
      node = node.left;
    } else {
      node = node.right;
    }
  }
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    yield top;
    for (let n = top.right; n !== null; n = n.left) stack.push(n);
  }
}

/** The node with the smallest key at or after `key`, in O(log n). */
export function firstAtOrAfter(t: Tree, key: string): TreapNode | null {
  let best: TreapNode | null = null;
  let node = t;
  while (node !== null) {
    if (compareCodePoints(node.key, key) >= 0) {
      best = node;
      node = node.left;
    } else {
      node = node.right;
    }
  }
  return best;
}

/** Height of the tree (diagnostics and balance tests). */
export function heightOf(t: Tree): number {
  return t === null ? 0 : 1 + Math.max(heightOf(t.left), heightOf(t.right));
}
