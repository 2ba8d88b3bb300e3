import type { Content } from '../domain/index.js';
import type { HandlerInput } from '../http/pipeline.js';
import { failure, success, type Result } from '../http/respond.js';
import type { MockResponse } from '../http/messages.js';
import { changeableSession, visibleSession } from '../state/access.js';
import { etag, ifMatchPasses } from '../state/conditional.js';
import type { SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { sessionDetailJson } from './views.js';

/** A path parameter the contract guarantees is present. */
export function pathParam(input: HandlerInput, name: string): string {
  return String(input.params.path[name]);
}

/** A header parameter, or undefined. */
export function header(input: HandlerInput, name: string): string | undefined {
  const value = input.params.header[name.toLowerCase()];
  // Header parameters are validated scalars (strings, or numbers after coercion).
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The JSON body as an object (the contract validated its shape). */
export function jsonBody<T>(input: HandlerInput): Partial<T> {
  return input.body.kind === 'json' ? (input.body.value as Partial<T>) : {};
}

/** The session named by a path parameter, if the caller may see it (404 otherwise). */
export function readable(store: Store, input: HandlerInput, param = 'sessionId'): Result<SessionRecord> {
  const id = pathParam(input, param);
  return visibleSession(input.principal, store.sessions.get(id), id);
}

/**
 * The session named by a path parameter, ready to change. Checks in the documented order:
 * visible (404), may change (403), `If-Match` (412), then active (409) unless `allowRetired`.
 */
export function changeable(store: Store, input: HandlerInput, options: { param?: string; ifMatch?: boolean; allowRetired?: boolean } = {}): Result<SessionRecord> {
  const id = pathParam(input, options.param ?? 'sessionId');
  const found = changeableSession(input.principal, store.sessions.get(id), id);
  if (!found.ok) return found;
  const session = found.value;
  if (options.ifMatch !== false) {
    const matched = sessionIfMatch(input, session);
    if (!matched.ok) return matched;
  }
  return options.allowRetired ? success(session) : active(session);
}

/** The session if the request's `If-Match` (if any) names its current ETag, else `412 precondition-failed`. */
export function sessionIfMatch(input: HandlerInput, session: SessionRecord): Result<SessionRecord> {
  const given = header(input, 'if-match');
  if (ifMatchPasses(given, String(session.version))) return success(session);
  return failure('precondition-failed', `If-Match ${given ?? ''} does not match the current ETag "${session.version}".`);
}

/** The session if it is active; a merged (retired) session is read-only: 409 session-not-active. */
export function active(session: SessionRecord): Result<SessionRecord> {
  if (session.status === 'active') return success(session);
  return failure('session-not-active', `Session ${session.id} was merged into ${session.mergedIntoSessionId ?? 'another session'} and is read-only.`);
}

/** A response carrying a session's detail view and its ETag; `read` keeps the serialised view for the next read. */
export function sessionResponse(status: number, session: SessionRecord, headers: Record<string, string> = {}, read = false): MockResponse {
  return { status, headers: { 'content-type': 'application/json', etag: etag(session.version), ...headers }, body: sessionDetailJson(session, read) };
}

/** A `cursor` this server did not make, or one that does not belong to the list asked for. */
export const INVALID_CURSOR = failure('invalid-cursor', 'This cursor was not made by this server.', { errors: [{ pointer: '#/query/cursor', message: 'not a valid cursor' }] });

/**
 * The key inside the `cursor` query parameter of a list paged by one string key (a path or an id),
 * or `undefined` without a cursor. Decoded before any session lookup: a cursor this server never
 * made is a bad request (400), whoever asks and whichever session it names.
 */
export function cursorKey(store: Store, input: HandlerInput): Result<string | undefined> {
  const cursor = input.params.query.cursor as string | undefined;
  if (cursor === undefined) return success(undefined);
  const key = store.cursors.decode(cursor, 1);
  return key && typeof key[0] === 'string' ? success(key[0]) : INVALID_CURSOR;
}

/** Whether `revision` is in the session's history: the head or one of its ancestors. */
export function inHistory(store: Store, session: SessionRecord, revision: string): boolean {
  return store.graph.has(revision) && store.graph.isAncestor(revision, session.head);
}

/** Which past state a read asks for; both at once is a bad request (400), checked before any lookup. */
export interface PastState {
  readonly revision: string | undefined;
  readonly checkpointId: string | undefined;
}

/** The `revision` / `checkpointId` query parameters of a read, at most one of them. */
export function pastState(input: HandlerInput): Result<PastState> {
  const revision = input.params.query.revision as string | undefined;
  const checkpointId = input.params.query.checkpointId as string | undefined;
  if (revision !== undefined && checkpointId !== undefined) {
    return failure('validation-failed', 'Give revision or checkpointId, not both.', { errors: [{ pointer: '#/query/checkpointId', message: 'not allowed together with revision' }] });
  }
  return success({ revision, checkpointId });
}

/**
 * The content to read: at `?revision=` (must be in this session's history), at `?checkpointId=`
 * (must be one of this session's checkpoints), else the head.
 */
export function contentAt(store: Store, session: SessionRecord, at: PastState): Result<{ revision: string; content: Content }> {
  const { revision, checkpointId } = at;
  if (revision !== undefined) {
    if (!inHistory(store, session, revision)) {
      return failure('revision-not-found', `Revision ${revision} is not in the history of session ${session.id}.`);
    }
    return success({ revision, content: store.content(revision) });
  }
  if (checkpointId !== undefined) {
    const checkpoint = store.checkpoints.get(checkpointId);
    if (!checkpoint || checkpoint.sessionId !== session.id) return failure('checkpoint-not-found', `Session ${session.id} has no checkpoint ${checkpointId}.`);
    return success({ revision: checkpoint.revision, content: store.content(checkpoint.revision) });
  }
  return success({ revision: session.head, content: store.content(session.head) });
}
