/**
 * Annotations and approvals (contract README §13): review state beside a session, never content.
 * Anyone who sees the session may annotate and decide; an annotation changes only by its author
 * or someone with change rights. Each accepted change writes one event.
 */
import { permissionOf, type Principal } from './access.js';
import type { ModelStore, ServerReport } from './model-store.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { annotationView, approvalView, type AnnotationRecord, type ApprovalRecord, type LineRange } from './review-records.js';
import type { SessionState } from './session-state.js';

/** The body of `POST /annotations`. */
export interface AnnotationInput {
  body: string;
  path?: string;
  range?: LineRange;
  revision?: string;
}

/** The revision a request names, if it is in the session's history (the head when absent). */
function revisionIn(store: ModelStore, session: SessionState, revision: string | undefined): string | Failure {
  if (revision === undefined) return session.head;
  return store.graph.has(revision) && store.graph.isAncestor(revision, session.head) ? revision : fail('revision-not-found');
}

/** The body rules beyond the schema: a range needs a path and must not run backwards. */
function annotationProblem(input: AnnotationInput): Failure | null {
  const bodyOk = input.body.length >= 1 && input.body.length <= 10000;
  const rangeOk = input.range === undefined || (input.path !== undefined && input.range.endLine >= input.range.startLine);
  return bodyOk && rangeOk ? null : fail('validation-failed');
}

/** `POST /annotations`: an open note by the caller on a revision (head by default). */
export function createAnnotation(store: ModelStore, actor: Principal | null, sessionId: string, input: AnnotationInput, reported: ServerReport): Outcome<Record<string, unknown>> {
  if (actor === null) return fail('unauthenticated');
  const located = store.guard(actor, sessionId, { need: 'read', invalid: annotationProblem(input) });
  if (!located.ok) return located;
  const session = located.session;
  const revision = revisionIn(store, session, input.revision);
  if (typeof revision !== 'string') return revision;
  if (input.path !== undefined && !store.graph.content(revision).files.has(input.path)) return fail('file-not-found');
  const record: AnnotationRecord = {
    id: store.newId('annotation', reported.annotationId),
    sessionId,
    path: input.path ?? null,
    range: input.range ? { ...input.range } : null,
    revision,
    body: input.body,
    authorId: actor.principalId,
    status: 'open',
    deleted: false,
    seq: store.nextSeq(),
  };
  store.annotations.set(record.id, record);
  store.emit(session, 'annotation.created', actor, { annotationId: record.id });
  return succeed(annotationView(record), 201);
}

/** The live annotation of this session, or `annotation-not-found`. */
function annotationOf(store: ModelStore, sessionId: string, annotationId: string): AnnotationRecord | Failure {
  const record = store.annotations.get(annotationId);
  return record && record.sessionId === sessionId && !record.deleted ? record : fail('annotation-not-found');
}

/** Located session and annotation for a change: 404s first, then 403 for a non-author without change rights. */
function changeableAnnotation(store: ModelStore, actor: Principal | null, sessionId: string, annotationId: string, invalid: Failure | null): { session: SessionState; record: AnnotationRecord } | Failure {
  if (actor === null) return fail('unauthenticated');
  const located = store.guard(actor, sessionId, { need: 'read', invalid });
  if (!located.ok) return located;
  const record = annotationOf(store, sessionId, annotationId);
  if ('ok' in record) return record;
  if (record.authorId !== actor.principalId && permissionOf(actor, located.session) !== 'change') return fail('forbidden');
  return { session: located.session, record };
}

/** `GET /annotations/{id}`. */
export function getAnnotation(store: ModelStore, actor: Principal | null, sessionId: string, annotationId: string): Outcome<Record<string, unknown>> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const record = annotationOf(store, sessionId, annotationId);
  return 'ok' in record ? record : succeed(annotationView(record));
}

/** `GET /annotations` (all pages): oldest first, filtered by status and exact path. */
export function listAnnotations(store: ModelStore, actor: Principal | null, sessionId: string, filter: { status?: 'open' | 'resolved'; path?: string }): Outcome<Record<string, unknown>[]> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const mine = [...store.annotations.values()].filter((a) => a.sessionId === sessionId && !a.deleted && (filter.status === undefined || a.status === filter.status) && (filter.path === undefined || a.path === filter.path));
  return succeed(mine.sort((a, b) => a.seq - b.seq).map(annotationView));
}

/** `PATCH /annotations/{id}`: a change to the values it has is 200 and no event. */
export function updateAnnotation(store: ModelStore, actor: Principal | null, sessionId: string, annotationId: string, input: { body?: string; status?: 'open' | 'resolved' }): Outcome<Record<string, unknown>> {
  const invalid = input.body === undefined && input.status === undefined ? fail('validation-failed') : null;
  const found = changeableAnnotation(store, actor, sessionId, annotationId, invalid);
  if ('ok' in found) return found;
  const { session, record } = found;
  const fields = [input.body !== undefined && input.body !== record.body ? 'body' : null, input.status !== undefined && input.status !== record.status ? 'status' : null].filter((f): f is string => f !== null);
  if (input.body !== undefined) record.body = input.body;
  if (input.status !== undefined) record.status = input.status;
  if (fields.length > 0) store.emit(session, 'annotation.changed', actor as Principal, { annotationId, fields });
  return succeed(annotationView(record));
}

/** `DELETE /annotations/{id}`. */
export function deleteAnnotation(store: ModelStore, actor: Principal | null, sessionId: string, annotationId: string): Outcome<null> {
  const found = changeableAnnotation(store, actor, sessionId, annotationId, null);
  if ('ok' in found) return found;
  found.record.deleted = true;
  store.emit(found.session, 'annotation.deleted', actor as Principal, { annotationId });
  return succeed(null, 204);
}

/** `POST /approvals`: a decision by the caller on a revision of the history (head by default). */
export function createApproval(store: ModelStore, actor: Principal | null, sessionId: string, input: { decision: 'approved' | 'changes_requested'; comment?: string; revision?: string }, reported: ServerReport): Outcome<Record<string, unknown>> {
  if (actor === null) return fail('unauthenticated');
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const session = located.session;
  const revision = revisionIn(store, session, input.revision);
  if (typeof revision !== 'string') return revision;
  const record: ApprovalRecord = { id: store.newId('approval', reported.approvalId), sessionId, revision, decision: input.decision, actorId: actor.principalId, comment: input.comment ?? null, seq: store.nextSeq() };
  store.approvals.set(record.id, record);
  store.emit(session, 'approval.created', actor, { approvalId: record.id, decision: record.decision });
  return succeed(approvalView(record, session.head), 201);
}

/** `GET /approvals/{id}`. */
export function getApproval(store: ModelStore, actor: Principal | null, sessionId: string, approvalId: string): Outcome<Record<string, unknown>> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const record = store.approvals.get(approvalId);
  return record?.sessionId === sessionId ? succeed(approvalView(record, located.session.head)) : fail('approval-not-found');
}

/** `GET /approvals` (all pages): newest first. */
export function listApprovals(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<Record<string, unknown>[]> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const head = located.session.head;
  return succeed(sessionApprovals(store, sessionId).sort((a, b) => b.seq - a.seq).map((a) => approvalView(a, head)));
}

/** A session's approvals in creation order. */
export function sessionApprovals(store: ModelStore, sessionId: string): ApprovalRecord[] {
  return [...store.approvals.values()].filter((a) => a.sessionId === sessionId).sort((a, b) => a.seq - b.seq);
}
