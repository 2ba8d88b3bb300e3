/** A principal's role on one session. */
export interface AccessEntry {
  readonly principalId: string;
  readonly role: 'viewer' | 'editor';
}

/**
 * A session as the store keeps it. Mutable on purpose: handlers check every rule first and only
 * then assign, so a rejected request never leaves a half-applied change.
 */
export interface SessionRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly ownerId: string;
  title: string;
  purpose: 'disposable' | 'review' | 'durable';
  status: 'active' | 'merged';
  tags: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly access: readonly AccessEntry[];
  readonly createdAt: string;
  updatedAt: string;
  readonly parentSessionId: string | null;
  readonly forkedFromCheckpointId: string | null;
  readonly baseRevision: string | null;
  head: string;
  committedRevision: string | null;
  /** Cached `hasUncommittedChanges`: recomputed whenever `head` or `committedRevision` moves. */
  uncommitted: boolean;
  version: number;
  mergedIntoSessionId: string | null;
  /** Deleted sessions stay in the store so `:merge` can trace ancestry through them. */
  deleted: boolean;
  /**
   * The detail view serialised at `detailVersion`, as UTF-8 JSON: reads of an unchanged session
   * (most requests) reuse it, and the transport sends the bytes without encoding them again. Valid
   * because every change the detail view shows moves `version` (SEMANTICS §2). Kept as plain
   * fields rather than a `{ version, bytes }` pair: one object less per session for the GC.
   */
  detailVersion: number;
  detailBytes: Uint8Array | null;
  /**
   * The summary view serialised at `summaryVersion` for list pages (same rule as the detail): UTF-8
   * in the store's byte slab, `summaryLength` bytes of `summaryBytes` from `summaryAt`. Outside
   * the JS heap and with no object of its own, so the one kept per listed session costs the GC
   * nothing.
   */
  summaryVersion: number;
  summaryBytes: Uint8Array | null;
  summaryAt: number;
  summaryLength: number;
  /** Checkpoint and commit ids in creation order. Most sessions have none and share {@link NO_IDS}. */
  checkpoints: readonly string[];
  commits: readonly string[];
}

/** An immutable checkpoint. */
export interface CheckpointRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly label: string | null;
  readonly createdAt: string;
}

/** A commit with the changes it recorded. */
export interface CommitRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly message: string;
  readonly changes: readonly { readonly path: string; readonly change: 'added' | 'modified' | 'deleted' }[];
  readonly authorId: string;
  readonly createdAt: string;
}

/** The empty id list new sessions share: one array for all of them instead of two each. */
export const NO_IDS: readonly string[] = Object.freeze([]);

/** `ids` with `id` appended: a list of the session's own after the first id, written in place after that. */
export function withId(ids: readonly string[], id: string): readonly string[] {
  if (ids === NO_IDS) return [id];
  (ids as string[]).push(id);
  return ids;
}
