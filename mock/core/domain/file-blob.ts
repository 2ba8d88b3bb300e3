import { sha256Hex, type Sha256Hex } from './sha256.js';

/**
 * One file's content. Immutable by convention: nothing in the domain writes into `bytes`, so maps,
 * revisions and forks can share the same blob.
 */
export interface FileBlob {
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes`, lowercase hex: the file's ETag and its identity in diffs. */
  readonly sha256: string;
  /** Length of `bytes`. */
  readonly size: number;
}

/**
 * Makes a blob from bytes. The bytes are copied (by `copy`, a plain slice unless a store passes its
 * byte slab) so that a caller reusing its buffer cannot change a file that revisions already point
 * at. When `current` holds the same bytes it is returned instead: nothing new to keep. `hash` is the
 * core's sha256 (an adapter may inject a faster one).
 */
export function createFileBlob(bytes: Uint8Array, copy: (bytes: Uint8Array) => Uint8Array = (b) => b.slice(), current?: FileBlob, hash: Sha256Hex = sha256Hex): FileBlob {
  const sha256 = hash(bytes);
  if (current && current.sha256 === sha256 && current.size === bytes.length) return current;
  return Object.freeze({ bytes: copy(bytes), sha256, size: bytes.length });
}

/** Makes a blob that owns `bytes`: nobody else may write them. */
export function blobOf(bytes: Uint8Array, hash: Sha256Hex = sha256Hex): FileBlob {
  return Object.freeze({ bytes, sha256: hash(bytes), size: bytes.length });
}

/** Makes a blob from text, encoded as UTF-8. */
export function createTextBlob(text: string): FileBlob {
  return blobOf(new TextEncoder().encode(text));
}

/**
 * Content equality of two blobs (absent counts as a value: two absents are equal). The hash stands
 * for the bytes; identical objects short-cut.
 */
export function fileBlobEquals(a: FileBlob | undefined, b: FileBlob | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.sha256 === b.sha256 && a.size === b.size;
}
