/**
 * File bytes. The model keeps a file as the base64 text of its bytes: a plain string, so maps of
 * files compare with `===` and copy for free, and equal bytes always give equal strings (Node's
 * base64 encoder is canonical).
 */
import { createHash } from 'node:crypto';

/** A file's bytes, base64-encoded. */
export type FileBytes = string;

/** What a caller may hand the model as file content: raw bytes, or text meaning its UTF-8 bytes. */
export type BytesInput = Uint8Array | string;

/** The base64 form of bytes (a string input is taken as UTF-8 text). */
export function toFileBytes(input: BytesInput): FileBytes {
  const buffer = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  return buffer.toString('base64');
}

/** The raw bytes of a stored file. */
export function rawBytes(bytes: FileBytes): Uint8Array {
  return new Uint8Array(Buffer.from(bytes, 'base64'));
}

/**
 * sha256 of large files, by their base64 text: every observation lists every file's sha256, and
 * re-hashing megabytes after each step would dominate a run. Small files are cheaper to hash
 * than to look up. Bounded: the oldest entry goes first.
 */
const largeShas = new Map<FileBytes, string>();
const LARGE_TEXT = 64 * 1024;
const MAX_LARGE = 64;

/** Lowercase hex sha256 of the bytes (the file's ETag without quotes). */
export function sha256Hex(bytes: FileBytes): string {
  const known = bytes.length >= LARGE_TEXT ? largeShas.get(bytes) : undefined;
  if (known !== undefined) return known;
  const sha = createHash('sha256').update(Buffer.from(bytes, 'base64')).digest('hex');
  if (bytes.length >= LARGE_TEXT) {
    if (largeShas.size >= MAX_LARGE) largeShas.delete(largeShas.keys().next().value as FileBytes);
    largeShas.set(bytes, sha);
  }
  return sha;
}

/** Size in bytes, computed from the base64 length (canonical padding). */
export function byteSize(bytes: FileBytes): number {
  const padding = bytes.endsWith('==') ? 2 : bytes.endsWith('=') ? 1 : 0;
  return (bytes.length / 4) * 3 - padding;
}

/**
 * The bytes as text when they are valid UTF-8, else `null`. `ignoreBOM` keeps a leading BOM as
 * U+FEFF: the rules say nothing about stripping one, so the model does not.
 */
export function utf8Text(bytes: FileBytes): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(bytes, 'base64'));
  } catch {
    return null;
  }
}
