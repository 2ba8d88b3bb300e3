/**
 * Create, read, delete and list sessions (SEMANTICS §2, §4, §10).
 */
import { permissionOf, type AccessEntry, type Principal } from './access.js';
import { toFileBytes, type BytesInput, type FileBytes } from './bytes.js';
import { makeContent } from './content.js';
import type { EnvironmentSpec } from './environment-spec.js';
import { collidesWithAny, pathProblem } from './file-path.js';
import type { ModelStore, ServerReport } from './model-store.js';
import { addNewSession } from './new-session.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { detailView, summaryView, type JsonObject, type Purpose, type SessionDetail, type SessionSummary } from './session-state.js';
import { isValidTagList } from './tags.js';

/** One initial file of a new session. */
export interface InitialFile {
  path: string;
  content: BytesInput;
}

/** The body of `POST /v1/sessions`, as the model takes it. */
export interface CreateSessionInput {
  title?: string;
  purpose?: Purpose;
  tags?: string[];
  metadata?: JsonObject;
  access?: AccessEntry[];
  files?: InitialFile[];
  environmentSpec?: EnvironmentSpec | null;
}

/** Filters of `GET /v1/sessions`. */
export interface SessionFilters {
  /** Every tag must be present. */
  tags?: string[];
  purpose?: Purpose;
  status?: 'active' | 'merged';
  ownerId?: string;
  parentSessionId?: string;
}

/** A 400 for an invalid initial file list, or null. Paths first: their problem is the more precise. */
function initialFilesProblem(files: readonly InitialFile[]): Failure | null {
  if (files.some((file) => pathProblem(file.path) !== null)) return fail('invalid-path');
  // Two entries for one path: the request is ambiguous, so refuse it rather than pick one.
  if (new Set(files.map((file) => file.path)).size !== files.length) return fail('validation-failed');
  return null;
}

/** `POST /v1/sessions`: a root session owned by the caller, history starting at its own root revision. */
export function createSession(store: ModelStore, actor: Principal | null, input: CreateSessionInput, reported: ServerReport): Outcome<SessionDetail> {
  if (actor === null) return fail('unauthenticated');
  const files = input.files ?? [];
  const invalid = initialFilesProblem(files);
  if (invalid) return invalid;
  if (!isValidTagList(input.tags ?? [])) return fail('validation-failed');
  const map = new Map<string, FileBytes>();
  for (const file of files) {
    if (collidesWithAny(file.path, map.keys())) return fail('path-collision');
    map.set(file.path, toFileBytes(file.content));
  }
  const root = store.newId('revision', reported.revision);
  store.graph.add({ id: root, parents: [], content: makeContent(map, input.environmentSpec ?? null) });
  const session = addNewSession(store, actor, input, reported, { tenantId: actor.tenantId, parentSessionId: null, forkedFromCheckpointId: null, baseRevision: null, head: root });
  store.emit(session, 'session.created', actor, { files: files.length });
  return succeed(detailView(session, store.graph), 201);
}

/** `GET /v1/sessions/{id}`: the detail view; never changes anything. */
export function getSession(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<SessionDetail> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  return located.ok ? succeed(detailView(located.session, store.graph)) : located;
}

/** `DELETE /v1/sessions/{id}`: 204, then 404 everywhere; the record stays for lineage. */
export function deleteSession(store: ModelStore, actor: Principal | null, sessionId: string, input: { ifMatch?: string }): Outcome<null> {
  const located = store.guard(actor, sessionId, { need: 'change', ifMatch: input.ifMatch });
  if (!located.ok) return located;
  located.session.deleted = true;
  store.emit(located.session, 'session.deleted', actor as Principal);
  return succeed(null, 204);
}

/** Every session the principal may see that passes the filters, newest first (creation order). */
export function visibleSessions(store: ModelStore, actor: Principal, filters: SessionFilters): SessionSummary[] {
  const matching = [...store.sessions.values()].filter((session) =>
    !session.deleted &&
    permissionOf(actor, session) !== 'none' &&
    (filters.tags ?? []).every((tag) => session.tags.includes(tag)) &&
    (filters.purpose === undefined || session.purpose === filters.purpose) &&
    (filters.status === undefined || session.status === filters.status) &&
    (filters.ownerId === undefined || session.ownerId === filters.ownerId) &&
    (filters.parentSessionId === undefined || session.parentSessionId === filters.parentSessionId),
  );
  matching.sort((a, b) => b.seq - a.seq);
  return matching.map((session) => summaryView(session, store.graph));
}

/** `GET /v1/sessions`: all pages concatenated. */
export function listSessions(store: ModelStore, actor: Principal | null, filters: SessionFilters): Outcome<SessionSummary[]> {
  if (actor === null) return fail('unauthenticated');
  return succeed(visibleSessions(store, actor, filters));
}
