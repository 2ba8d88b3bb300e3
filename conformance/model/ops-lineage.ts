/**
 * Fork, checkpoints and restore (SEMANTICS §5, §6).
 */
import type { AccessEntry, Principal } from './access.js';
import type { CheckpointRecord, ModelStore, ServerReport } from './model-store.js';
import { addNewSession } from './new-session.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { detailView, type JsonObject, type Purpose, type SessionDetail } from './session-state.js';
import { isValidTagList } from './tags.js';

/** The body of `POST /fork`. */
export interface ForkInput {
  checkpointId?: string;
  title?: string;
  purpose?: Purpose;
  tags?: string[];
  metadata?: JsonObject;
  access?: AccessEntry[];
}

/** A checkpoint as the server shows it, without `createdAt`. */
export interface CheckpointView {
  id: string;
  sessionId: string;
  revision: string;
  label: string | null;
}

/** The wire view of a checkpoint record. */
export function checkpointView(record: CheckpointRecord): CheckpointView {
  return { id: record.id, sessionId: record.sessionId, revision: record.revision, label: record.label };
}

/** The checkpoint if it exists and belongs to this session (another session's is "not found"). */
function checkpointOf(store: ModelStore, sessionId: string, checkpointId: string): CheckpointRecord | undefined {
  const record = store.checkpoints.get(checkpointId);
  return record?.sessionId === sessionId ? record : undefined;
}

/**
 * `POST /v1/sessions/{source}/fork`: a child whose head is the SAME revision as the source's head
 * (or the checkpoint's). No revision is made. Reading the source is enough; a merged source forks.
 */
export function fork(store: ModelStore, actor: Principal | null, sourceId: string, input: ForkInput, reported: ServerReport): Outcome<SessionDetail> {
  if (actor === null) return fail('unauthenticated');
  const invalid = isValidTagList(input.tags ?? []) ? null : fail('validation-failed');
  const located = store.guard(actor, sourceId, { need: 'read', invalid });
  if (!located.ok) return located;
  const source = located.session;
  let checkpoint: CheckpointRecord | undefined;
  if (input.checkpointId !== undefined) {
    checkpoint = checkpointOf(store, source.id, input.checkpointId);
    if (!checkpoint) return fail('checkpoint-not-found');
  }
  const start = checkpoint ? checkpoint.revision : source.head;
  const child = addNewSession(store, actor, input, reported, { tenantId: source.tenantId, parentSessionId: source.id, forkedFromCheckpointId: checkpoint ? checkpoint.id : null, baseRevision: start, head: start });
  store.emit(child, 'forked', actor, { sourceSessionId: source.id, checkpointId: checkpoint ? checkpoint.id : null });
  return succeed(detailView(child, store.graph), 201);
}

/**
 * `POST /checkpoints`: pins the head. Allowed on a merged session; viewers may not (it creates a
 * resource). The detail view does not show checkpoints, so `version` does not move.
 */
export function createCheckpoint(store: ModelStore, actor: Principal | null, sessionId: string, input: { label?: string }, reported: ServerReport): Outcome<CheckpointView> {
  const located = store.guard(actor, sessionId, { need: 'change' });
  if (!located.ok) return located;
  const record: CheckpointRecord = {
    id: store.newId('checkpoint', reported.checkpointId),
    sessionId,
    revision: located.session.head,
    label: input.label ?? null,
    seq: store.nextSeq(),
  };
  store.checkpoints.set(record.id, record);
  store.emit(located.session, 'checkpoint.created', actor as Principal, { checkpointId: record.id, label: record.label });
  return succeed(checkpointView(record), 201);
}

/** `GET /checkpoints/{id}`: one checkpoint of this session. */
export function getCheckpoint(store: ModelStore, actor: Principal | null, sessionId: string, checkpointId: string): Outcome<CheckpointView> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const record = checkpointOf(store, sessionId, checkpointId);
  return record ? succeed(checkpointView(record)) : fail('checkpoint-not-found');
}

/** `GET /checkpoints`: all of this session's checkpoints, newest first. */
export function listCheckpoints(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<CheckpointView[]> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const mine = [...store.checkpoints.values()].filter((record) => record.sessionId === sessionId);
  return succeed(mine.sort((a, b) => b.seq - a.seq).map(checkpointView));
}

/**
 * `POST /restore`: a new revision (parent = head) holding the checkpoint's content, unless the
 * head already holds equal content. Every checkpoint is kept. Refused on a merged session.
 */
export function restore(store: ModelStore, actor: Principal | null, sessionId: string, input: { checkpointId: string; ifMatch?: string }, reported: ServerReport): Outcome<SessionDetail> {
  const located = store.guard(actor, sessionId, { need: 'change', ifMatch: input.ifMatch, requireActive: true });
  if (!located.ok) return located;
  const record = checkpointOf(store, sessionId, input.checkpointId);
  if (!record) return fail('checkpoint-not-found');
  const session = located.session;
  let changed = false;
  store.tracked(session, () => {
    changed = store.advance(session, store.graph.content(record.revision), reported);
  });
  if (changed) store.emit(session, 'restored', actor as Principal, { checkpointId: record.id });
  return succeed(detailView(session, store.graph));
}
