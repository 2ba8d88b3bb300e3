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
