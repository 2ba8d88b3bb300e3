/** A line range of an annotation: 1-based, inclusive. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * A review note (contract §13 "Annotations"). `body`, `status` and `updatedAt` change in place on
 * PATCH, after every check passed, like the session records.
 */
export interface AnnotationRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly path: string | null;
  readonly range: LineRange | null;
  /** The revision the note is pinned to; it stays there when the head moves on. */
  readonly revision: string;
  body: string;
  readonly authorId: string;
  status: 'open' | 'resolved';
  readonly createdAt: string;
  updatedAt: string;
}

/** A review decision (contract §13 "Approvals"): never edited or deleted. `stale` is computed when read. */
export interface ApprovalRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly decision: 'approved' | 'changes_requested';
  readonly actorId: string;
  readonly comment: string | null;
  readonly createdAt: string;
}
