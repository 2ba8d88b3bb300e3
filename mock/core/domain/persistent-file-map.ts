/**
 * An immutable sorted map path → FileBlob with structural sharing (a persistent treap, see
 * treap.ts). Forks, checkpoints and revisions hold maps by reference; a write copies O(log n) nodes.
 */
import { compareCodePoints } from './code-point-order.js';
import { fileBlobEquals, type FileBlob } from './file-blob.js';
import { parentDirectories } from './paths.js';
import {
  buildFromSorted,
  findNode,
  firstAtOrAfter,
  insert,
  keyPriority,
  nodesFrom,
  remove,
  sizeOf,
  type Tree,
} from './treap.js';

/** A request for one page of a listing. */
export interface FilePageQuery {
  /** Cursor: only paths sorting strictly after this one. */
  readonly after?: string | null;
  /** Only paths starting with this string (a plain string prefix; pass `dir/` for a directory). */
  readonly prefix?: string;
  /** Most entries to return (at least 1). */
  readonly limit: number;
}

/** One page of a listing; `nextCursor` is the last path returned when more entries follow. */
export interface FilePage {
  readonly entries: readonly (readonly [string, FileBlob])[];
  readonly nextCursor: string | null;
}

/** Immutable, structurally shared map from path to file, ordered by code point. */
export class PersistentFileMap {
  /** The empty map. */
  static readonly EMPTY = new PersistentFileMap(null);

  /**
   * The tree itself. Exposed read-only for diff and diagnostics in this folder; treat as opaque.
   * @internal
   */
  readonly root: Tree;

  private constructor(root: Tree) {
    this.root = root;
  }

  /** @internal Wraps a tree built elsewhere in this folder. */
  static fromTree(root: Tree): PersistentFileMap {
    return root === null ? PersistentFileMap.EMPTY : new PersistentFileMap(root);
  }

  /**
   * Builds a map in O(n log n) for the sort plus O(n) for the tree. Later duplicates win. Paths are
   * not validated here: callers check them (and collisions) at the boundary.
   */
  static fromEntries(entries: Iterable<readonly [string, FileBlob]>): PersistentFileMap {
    const list = [...entries];
    // Entries copied from another map arrive sorted and unique: skip the sort for them.
    if (!isStrictlySorted(list)) {
      const indexed = list.map((e, i) => [e, i] as const);
      // Ties fall back to input order, so the last duplicate ends up last and wins below.
      indexed.sort((a, b) => compareCodePoints(a[0][0], b[0][0]) || a[1] - b[1]);
      list.length = 0;
      for (const [entry] of indexed) {
        const last = list[list.length - 1];
        if (last !== undefined && last[0] === entry[0]) list[list.length - 1] = entry;
        else list.push(entry);
      }
    }
    return PersistentFileMap.fromTree(buildFromSorted(list));
  }

  /** Number of files, O(1). */
  get size(): number {
    return sizeOf(this.root);
  }

  /** The file at `path`, O(log n). */
  get(path: string): FileBlob | undefined {
    return findNode(this.root, path)?.value;
  }

  /** Whether a file exists at `path`. */
  has(path: string): boolean {
    return findNode(this.root, path) !== null;
  }

  /** A map with `path` set; `this` when the file is already equal (so no-op writes stay visible as such). */
  set(path: string, blob: FileBlob): PersistentFileMap {
    const existing = findNode(this.root, path);
    if (existing !== null && fileBlobEquals(existing.value, blob)) return this;
    return new PersistentFileMap(insert(this.root, path, blob, existing?.priority ?? keyPriority(path)));
  }

  /** A map without `path`; `this` when it was absent. */
  delete(path: string): PersistentFileMap {
    const root = remove(this.root, path);
    return root === this.root ? this : PersistentFileMap.fromTree(root);
  }

  /** All entries in path order. */
  *entries(): Generator<[string, FileBlob]> {
    for (const node of nodesFrom(this.root, null, false)) yield [node.key, node.value];
  }

  /** All paths in order. */
  *keys(): Generator<string> {
    for (const node of nodesFrom(this.root, null, false)) yield node.key;
  }

  [Symbol.iterator](): Generator<[string, FileBlob]> {
    return this.entries();
  }

  /**
   * Entries after a cursor and/or under a prefix, in order. Paths sharing a prefix are contiguous in
   * code point order, so this seeks once (O(log n)) and stops at the first path outside the prefix.
   */
  *entriesFrom(options: { readonly after?: string | null; readonly prefix?: string } = {}): Generator<[string, FileBlob]> {
    const prefix = options.prefix ?? '';
    const after = options.after ?? null;
    const seekPrefix = prefix !== '' && (after === null || compareCodePoints(after, prefix) < 0);
    const nodes = seekPrefix ? nodesFrom(this.root, prefix, true) : nodesFrom(this.root, after, false);
    for (const node of nodes) {
      if (!node.key.startsWith(prefix)) return;
      yield [node.key, node.value];
    }
  }

  /** One page of {@link entriesFrom}, with the cursor for the next page. */
  page(query: FilePageQuery): FilePage {
    const limit = Math.max(1, Math.floor(query.limit));
    const entries: [string, FileBlob][] = [];
    for (const entry of this.entriesFrom(query)) {
      if (entries.length === limit) return { entries, nextCursor: entries[limit - 1]?.[0] ?? null };
      entries.push(entry);
    }
    return { entries, nextCursor: null };
  }

  /** Whether some file lies under directory `dir` (a path starting with `dir/`), O(log n). */
  hasFileUnder(dir: string): boolean {
    const prefix = `${dir}/`;
    return firstAtOrAfter(this.root, prefix)?.key.startsWith(prefix) ?? false;
  }

  /**
   * Whether writing a file at `path` would make a path both a file and a directory: an existing file
   * is a proper directory prefix of `path`, or files exist under `path/`. Overwriting `path` itself
   * is not a collision. Cost O(depth · log n); depth is bounded by the 1024-byte path limit.
   */
  collidesWith(path: string): boolean {
    return parentDirectories(path).some((dir) => this.has(dir)) || this.hasFileUnder(path);
  }

  /** Content equality: same paths with equal files. Shared subtrees compare in O(1). */
  equals(other: PersistentFileMap): boolean {
    return this === other || sameTree(this.root, other.root);
  }
}

function isStrictlySorted(list: readonly (readonly [string, FileBlob])[]): boolean {
  for (let i = 1; i < list.length; i++) {
    if (compareCodePoints((list[i - 1] as readonly [string, FileBlob])[0], (list[i] as readonly [string, FileBlob])[0]) >= 0) return false;
  }
  return true;
}

// Shapes are canonical (see treap.ts), so equal maps have node-for-node equal trees.
function sameTree(a: Tree, b: Tree): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a.size !== b.size || a.key !== b.key || !fileBlobEquals(a.value, b.value)) return false;
  return sameTree(a.left, b.left) && sameTree(a.right, b.right);
}

/**
 * Diagnostics: how many of `b`'s nodes are the very same objects as nodes of `a`. A write to a big
 * map should share all but O(log n) of them.
 */
export function countSharedNodes(a: PersistentFileMap, b: PersistentFileMap): number {
  const seen = new Set<object>();
  const collect = (t: Tree): void => {
    if (t === null) return;
    seen.add(t);
    collect(t.left);
    collect(t.right);
  };
  collect(a.root);
  // A shared node implies its whole subtree is shared, so we stop descending there.
  const count = (t: Tree): number => {
    if (t === null) return 0;
    if (seen.has(t)) return t.size;
    return count(t.left) + count(t.right);
  };
  return count(b.root);
}
