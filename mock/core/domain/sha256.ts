/**
 * The domain's sha256. `handle` is synchronous and Web Crypto's digest is not, so the portable
 * default is a pure-JS sha256 (`@noble/hashes`: audited, no dependencies, runs in browsers, workers
 * and Node). It is 4× slower than node:crypto on tiny files and 12× on large ones
 * (`npm run bench:hash`), so an adapter that has a faster one passes it as `MockCoreOptions.sha256`
 * (the Node server injects node:crypto's).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256 of `bytes` as 64 lowercase hex digits. Any implementation must give exactly this. */
export type Sha256Hex = (bytes: Uint8Array) => string;

/** The portable sha256, pure JS. */
export const sha256Hex: Sha256Hex = (bytes) => bytesToHex(sha256(bytes));
