import type { ByteSlab } from '../domain/index.js';
import type { SessionRecord } from '../state/session-record.js';

/** The summary view used in lists. */
export function sessionSummary(s: SessionRecord): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    purpose: s.purpose,
    status: s.status,
    tags: s.tags,
    ownerId: s.ownerId,
    tenantId: s.tenantId,
    parentSessionId: s.parentSessionId,
    revision: s.head,
    hasUncommittedChanges: s.uncommitted,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/**
 * The authoritative detail view. Written out field by field rather than spreading the summary:
 * it is on the hot path of nearly every response, and the literal is several times cheaper.
 */
export function sessionDetail(s: SessionRecord): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    purpose: s.purpose,
    status: s.status,
    tags: s.tags,
    ownerId: s.ownerId,
    tenantId: s.tenantId,
    parentSessionId: s.parentSessionId,
    revision: s.head,
    hasUncommittedChanges: s.uncommitted,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    metadata: s.metadata,
    access: s.access,
    forkedFromCheckpointId: s.forkedFromCheckpointId,
    baseRevision: s.baseRevision,
    committedRevision: s.committedRevision,
    mergedIntoSessionId: s.mergedIntoSessionId,
  };
}

const utf8 = new TextEncoder();

/**
 * The detail view as a JSON body. `keep` (reads) stores it as UTF-8 bytes for the next read at the
 * same version; writes return text and only reuse a stored copy, so sessions nobody reads hold none.
 */
export function sessionDetailJson(s: SessionRecord, keep: boolean): string | Uint8Array {
  if (s.detailVersion === s.version && s.detailBytes !== null) return s.detailBytes;
  const text = JSON.stringify(sessionDetail(s));
  if (!keep) return text;
  const bytes = utf8.encode(text);
  s.detailVersion = s.version;
  s.detailBytes = bytes;
  return bytes;
}

/**
 * Brings the session's kept summary JSON up to its version (written into `slab` when it is not)
 * and returns its length in bytes. List pages repeat the same sessions, so most calls find it kept.
 */
export function keepSummaryJson(s: SessionRecord, slab: ByteSlab): number {
  if (s.summaryVersion !== s.version || s.summaryBytes === null) {
    const place = slab.place(JSON.stringify(sessionSummary(s)));
    s.summaryBytes = place.bytes;
    s.summaryAt = place.at;
    s.summaryLength = place.length;
    s.summaryVersion = s.version;
  }
  return s.summaryLength;
}

/** Copies the summary {@link keepSummaryJson} kept into `out` at `offset`; returns the offset after it. */
export function copySummaryJson(s: SessionRecord, out: Uint8Array, offset: number): number {
  if (s.summaryBytes !== null) out.set(s.summaryBytes.subarray(s.summaryAt, s.summaryAt + s.summaryLength), offset);
  return offset + s.summaryLength;
}
