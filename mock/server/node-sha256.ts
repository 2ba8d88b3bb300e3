/**
 * node:crypto's sha256 for the core (`MockCoreOptions.sha256`): 4–12× faster than the core's
 * pure-JS default (`npm run bench:hash`), which matters for 1–5 MiB files, hashed while `handle`
 * holds the event loop.
 */
import * as crypto from 'node:crypto';
import type { Sha256Hex } from '../core/domain/sha256.js';

// `crypto.hash` (Node ≥ 20.12) hashes in one call, about 4× faster than a Hash object for the small
// files most requests write; `createHash` stays as the fallback for runtimes without it.
const oneShot: ((algorithm: string, data: Uint8Array, encoding: 'hex') => string) | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 of `bytes` as 64 lowercase hex digits, by node:crypto. */
export const nodeSha256Hex: Sha256Hex = (bytes) => (oneShot ? oneShot('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex'));
