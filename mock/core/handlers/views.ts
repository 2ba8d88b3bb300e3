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
  if (s.detailJson?.version === s.version) return s.detailJson.bytes;
  const text = JSON.stringify(sessionDetail(s));
  if (!keep) return text;
  const bytes = utf8.encode(text);
  s.detailJson = { version: s.version, bytes };
  return bytes;
}

/** The summary view as JSON text, kept per version: list pages repeat the same sessions. */
export function sessionSummaryJson(s: SessionRecord): string {
  if (s.summaryJson?.version !== s.version) s.summaryJson = { version: s.version, text: JSON.stringify(sessionSummary(s)) };
  return s.summaryJson.text;
}
