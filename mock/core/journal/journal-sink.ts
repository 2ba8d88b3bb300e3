/** What writing to durable storage came to: done, or why not (the change must then not happen). */
export type StorageResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The one successful {@link StorageResult}. */
export const STORED: StorageResult = { ok: true };

/**
 * Where a core keeps its journal: an adapter's job (a file with fsync in Node; IndexedDB or
 * nothing in a browser). Both calls are synchronous, because the core answers synchronously and
 * must not answer a change before it is durable.
 *
 * A sink that fails must leave the journal as it was before the call (cut back to its last whole
 * record), or refuse every later call until it can; the core rolls its memory back to match.
 */
export interface JournalSink {
  /** Appends one framed record and makes it durable (fsync) before returning. */
  append(frame: Uint8Array): StorageResult;
  /** Replaces the whole journal by a new one holding `frames`, atomically (the old one stays on failure). */
  replace(frames: readonly Uint8Array[]): StorageResult;
}
