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

/**
 * The detail view as JSON text. `keep` (reads) stores it for the next read at the same version;
 * writes only reuse a stored one, so sessions nobody reads hold no copy.
 */
export function sessionDetailJson(s: SessionRecord, keep: boolean): string {
  if (s.detailJson?.version === s.version) return s.detailJson.text;
  const text = JSON.stringify(sessionDetail(s));
  if (keep) s.detailJson = { version: s.version, text };
  return text;
}

/** The summary view as JSON text, kept per version: list pages repeat the same sessions. */
export function sessionSummaryJson(s: SessionRecord): string {
  if (s.summaryJson?.version !== s.version) s.summaryJson = { version: s.version, text: JSON.stringify(sessionSummary(s)) };
  return s.summaryJson.text;
}
