/**
 * What the model keeps of annotations, approvals and cache entries (contract README §13), and the
 * views the server must show of them (without timestamps, which the model does not predict).
 */

/** An annotation's line range, 1-based and inclusive. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/** A review note; `status` and `body` change through PATCH. */
export interface AnnotationRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly path: string | null;
  readonly range: LineRange | null;
  readonly revision: string;
  body: string;
  readonly authorId: string;
  status: 'open' | 'resolved';
  deleted: boolean;
  readonly seq: number;
}

/** A decision; never edited. */
export interface ApprovalRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly decision: 'approved' | 'changes_requested';
  readonly actorId: string;
  readonly comment: string | null;
  readonly seq: number;
}

/**
 * A cache entry as last written. The suite cannot read the server's clock, so a write keeps the
 * window of the suite's own clock (ms) in which the server made it: the request's send time and
 * its answer's arrival.
 */
export interface CacheRecord {
  readonly sessionId: string;
  readonly key: string;
  readonly value: unknown;
  readonly ttlSeconds: number | null;
  readonly writtenFrom: number;
  readonly writtenTo: number;
  /** Set by a DELETE; an entry also goes when it expires. */
  readonly deleted: boolean;
}

/** The annotation view, without `createdAt`/`updatedAt`. */
export function annotationView(record: AnnotationRecord): Record<string, unknown> {
  const { id, sessionId, path, range, revision, body, authorId, status } = record;
  return { id, sessionId, path, range: range ? { ...range } : null, revision, body, authorId, status };
}

/** The approval view: `stale` when the head is not its revision. */
export function approvalView(record: ApprovalRecord, head: string): Record<string, unknown> {
  const { id, sessionId, revision, decision, actorId, comment } = record;
  return { id, sessionId, revision, decision, actorId, comment, stale: revision !== head };
}

/**
 * Whether a `review` session may commit (§13): each reviewer's newest approval counts if it is
 * on the head; at least one counting `approved` and no counting `changes_requested`.
 */
export function approvalsAllowCommit(approvals: readonly ApprovalRecord[], head: string): boolean {
  const newest = new Map<string, ApprovalRecord>();
  for (const a of [...approvals].sort((x, y) => x.seq - y.seq)) newest.set(a.actorId, a);
  const counting = [...newest.values()].filter((a) => a.revision === head);
  return counting.some((a) => a.decision === 'approved') && !counting.some((a) => a.decision === 'changes_requested');
}

/** Where a cache entry stands at a moment the suite knows only as a window of its own clock. */
export type CacheLiveness = 'live' | 'gone' | 'either';

/** Slack for timer granularity between the two clocks (ms). */
const SLACK_MS = 50;

/**
 * Whether the entry is live during `[from, to]` (the suite's clock): surely live when even the
 * latest moment is before the earliest possible expiry, surely gone when even the earliest moment
 * is after the latest possible expiry, else either.
 */
export function cacheLiveness(record: CacheRecord | undefined, from: number, to: number): CacheLiveness {
  if (!record || record.deleted) return 'gone';
  if (record.ttlSeconds === null) return 'live';
  const ttl = record.ttlSeconds * 1000;
  if (to < record.writtenFrom + ttl - SLACK_MS) return 'live';
  if (from > record.writtenTo + ttl + SLACK_MS) return 'gone';
  return 'either';
}
