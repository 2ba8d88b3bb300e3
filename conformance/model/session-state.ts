/**
 * A session as the model keeps it, and the views the server must show of it (SEMANTICS §2).
 * Timestamps are not modelled: views leave out `createdAt` and `updatedAt`.
 */
import type { AccessEntry } from './access.js';
import { contentEquals, emptyContent } from './content.js';
import type { RevisionGraph } from './revision-graph.js';

/** What a session is for. */
export type Purpose = 'disposable' | 'review' | 'durable';

/** A JSON object (session metadata). */
export type JsonObject = Record<string, unknown>;

/** The model's mutable record of one session. Deleted sessions stay, flagged, for lineage. */
export interface SessionState {
  readonly id: string;
  /** Creation order: lists sort by it (newest first) instead of by `createdAt`. */
  readonly seq: number;
  title: string;
  purpose: Purpose;
  status: 'active' | 'merged';
  tags: string[];
  readonly metadata: JsonObject;
  readonly ownerId: string;
  readonly tenantId: string;
  readonly access: AccessEntry[];
  readonly parentSessionId: string | null;
  readonly forkedFromCheckpointId: string | null;
  readonly baseRevision: string | null;
  head: string;
  committedRevision: string | null;
  version: number;
  mergedIntoSessionId: string | null;
  deleted: boolean;
}

/** The list (summary) view, without timestamps. */
export interface SessionSummary {
  id: string;
  title: string;
  purpose: Purpose;
  status: 'active' | 'merged';
  tags: string[];
  ownerId: string;
  tenantId: string;
  parentSessionId: string | null;
  revision: string;
  hasUncommittedChanges: boolean;
  version: number;
}

/** The detail view (`GET /v1/sessions/{id}`), without timestamps. */
export interface SessionDetail extends SessionSummary {
  metadata: JsonObject;
  access: AccessEntry[];
  forkedFromCheckpointId: string | null;
  baseRevision: string | null;
  committedRevision: string | null;
  mergedIntoSessionId: string | null;
}

/** The revision changes are counted from: `committedRevision ?? baseRevision ?? null` (empty). */
export function baselineRevision(session: SessionState): string | null {
  return session.committedRevision ?? session.baseRevision ?? null;
}

/** Whether the head's content differs from the baseline's (the empty tree when there is none). */
export function hasUncommittedChanges(session: SessionState, graph: RevisionGraph): boolean {
  const baseline = baselineRevision(session);
  const baseContent = baseline === null ? emptyContent() : graph.content(baseline);
  return !contentEquals(graph.content(session.head), baseContent);
}

/** The summary view. Arrays are copied so callers cannot alias the model's state. */
export function summaryView(session: SessionState, graph: RevisionGraph): SessionSummary {
  return {
    id: session.id,
    title: session.title,
    purpose: session.purpose,
    status: session.status,
    tags: [...session.tags],
    ownerId: session.ownerId,
    tenantId: session.tenantId,
    parentSessionId: session.parentSessionId,
    revision: session.head,
    hasUncommittedChanges: hasUncommittedChanges(session, graph),
    version: session.version,
  };
}

/** The detail view. */
export function detailView(session: SessionState, graph: RevisionGraph): SessionDetail {
  return {
    ...summaryView(session, graph),
    metadata: structuredClone(session.metadata),
    access: session.access.map((entry) => ({ ...entry })),
    forkedFromCheckpointId: session.forkedFromCheckpointId,
    baseRevision: session.baseRevision,
    committedRevision: session.committedRevision,
    mergedIntoSessionId: session.mergedIntoSessionId,
  };
}
