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
  tags: string[];
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
   * The detail view serialised at `version`, as UTF-8 JSON: reads of an unchanged session (most
   * requests) reuse it, and the transport sends the bytes without encoding them again. Valid
   * because every change the detail view shows moves `version` (SEMANTICS §2).
   */
  detailJson?: { readonly version: number; readonly bytes: Uint8Array };
  /** The summary view serialised at `version`, for list pages (same rule as `detailJson`). */
  summaryJson?: { readonly version: number; readonly text: string };
  /** Checkpoint and commit ids in creation order. */
  readonly checkpoints: string[];
  readonly commits: string[];
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
