/**
 * The file routes (SEMANTICS §3): write, delete, read now or at a past state, list.
 */
import type { Principal } from './access.js';
import { byteSize, sha256Hex, toFileBytes, type BytesInput, type FileBytes } from './bytes.js';
import { compareCodePoints } from './code-point-order.js';
import { withFile, withoutFile, type Content } from './content.js';
import { collidesWithAny, pathProblem } from './file-path.js';
import type { ModelStore, ServerReport } from './model-store.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { fileIfMatchPasses, fileIfNoneMatchPasses } from './preconditions.js';
import type { SessionState } from './session-state.js';

/** The body of a successful `PUT /files/{path}`. */
export interface FileWriteResult {
  path: string;
  size: number;
  sha256: string;
  revision: string;
  /** False when the bytes were already equal (no new revision). */
  changed: boolean;
}

/** A file as `GET /files/{path}` returns it: bytes (base64) and its ETag value. */
export interface FileRead {
  path: string;
  bytes: FileBytes;
  size: number;
  sha256: string;
}

/** One entry of `GET /files`. */
export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

/** All pages of `GET /files` concatenated, and the revision they were listed at. */
export interface FileListing {
  items: FileEntry[];
  revision: string;
}

/** Where to read: the head, a revision of this session's history, or a checkpoint of this session. */
export interface ReadAt {
  revision?: string;
  checkpointId?: string;
}

/**
 * The session a file write or delete may change, its head content and the file there now: an
 * invalid path is `invalid-path`, after the session's own 404/403 checks.
 */
function fileToChange(store: ModelStore, actor: Principal | null, sessionId: string, path: string): { ok: true; session: SessionState; head: Content; current: FileBytes | undefined } | Failure {
  const invalid = pathProblem(path) === null ? null : fail('invalid-path');
  const located = store.guard(actor, sessionId, { need: 'change', invalid });
  if (!located.ok) return located;
  const head = store.graph.content(located.session.head);
  return { ok: true, session: located.session, head, current: head.files.get(path) };
}

/**
 * `PUT /files/{path}`: 201 when created, 200 when replaced or unchanged. Equal bytes make no
 * revision and change nothing. `If-Match` / `If-None-Match: *` compare with the file's sha256.
 */
export function putFile(store: ModelStore, actor: Principal | null, sessionId: string, input: { path: string; content: BytesInput; ifMatch?: string; ifNoneMatch?: string }, reported: ServerReport): Outcome<FileWriteResult> {
  const target = fileToChange(store, actor, sessionId, input.path);
  if (!target.ok) return target;
  const { session, head, current } = target;
  const currentSha = current === undefined ? undefined : sha256Hex(current);
  if (!fileIfMatchPasses(input.ifMatch, currentSha) || !fileIfNoneMatchPasses(input.ifNoneMatch, current !== undefined)) {
    return fail('precondition-failed');
  }
  if (session.status !== 'active') return fail('session-not-active');
  if (collidesWithAny(input.path, head.files.keys())) return fail('path-collision');
  const bytes = toFileBytes(input.content);
  let changed = false;
  store.tracked(session, () => {
    changed = store.advance(session, withFile(head, input.path, bytes), reported);
  });
  const value = { path: input.path, size: byteSize(bytes), sha256: sha256Hex(bytes), revision: session.head, changed };
  if (changed) store.emit(session, 'file.written', actor as Principal, { path: input.path, size: value.size, sha256: value.sha256, created: current === undefined });
  return succeed(value, current === undefined ? 201 : 200);
}

/** `DELETE /files/{path}`: 204 and a new revision; 404 `file-not-found` when absent. */
export function deleteFile(store: ModelStore, actor: Principal | null, sessionId: string, input: { path: string; ifMatch?: string }, reported: ServerReport): Outcome<null> {
  const target = fileToChange(store, actor, sessionId, input.path);
  if (!target.ok) return target;
  const { session, head, current } = target;
  if (!fileIfMatchPasses(input.ifMatch, current === undefined ? undefined : sha256Hex(current))) return fail('precondition-failed');
  if (session.status !== 'active') return fail('session-not-active');
  if (current === undefined) return fail('file-not-found');
  store.tracked(session, () => store.advance(session, withoutFile(head, input.path), reported));
  store.emit(session, 'file.deleted', actor as Principal, { path: input.path });
  return succeed(null, 204);
}

/**
 * The content a read addresses, or its 404. "This session's history" is every ancestor of its
 * head: heads only ever move to descendants of the old head, so that set holds every revision the
 * session has shown and everything merged or forked into it.
 */
function contentAt(store: ModelStore, session: SessionState, at: ReadAt): { revision: string; content: Content } | Failure {
  let revision = session.head;
  if (at.checkpointId !== undefined) {
    const record = store.checkpoints.get(at.checkpointId);
    if (record?.sessionId !== session.id) return fail('checkpoint-not-found');
    revision = record.revision;
  } else if (at.revision !== undefined) {
    if (!store.graph.has(at.revision) || !store.graph.isAncestor(at.revision, session.head)) return fail('revision-not-found');
    revision = at.revision;
  }
  return { revision, content: store.graph.content(revision) };
}

/** The 400 of a read request, if any: a bad path, or both `revision` and `checkpointId` given. */
function readProblem(path: string | undefined, at: ReadAt): Failure | null {
  if (path !== undefined && pathProblem(path) !== null) return fail('invalid-path');
  return at.revision !== undefined && at.checkpointId !== undefined ? fail('validation-failed') : null;
}

/** `GET /files/{path}` at the head, a revision or a checkpoint. */
export function readFile(store: ModelStore, actor: Principal | null, sessionId: string, input: { path: string } & ReadAt): Outcome<FileRead> {
  const located = store.guard(actor, sessionId, { need: 'read', invalid: readProblem(input.path, input) });
  if (!located.ok) return located;
  const at = contentAt(store, located.session, input);
  if ('ok' in at) return at;
  const bytes = at.content.files.get(input.path);
  if (bytes === undefined) return fail('file-not-found');
  return succeed({ path: input.path, bytes, size: byteSize(bytes), sha256: sha256Hex(bytes) });
}

/** `GET /files` (all pages): entries sorted by path in code point order, optionally under a prefix. */
export function listFiles(store: ModelStore, actor: Principal | null, sessionId: string, input: { prefix?: string } & ReadAt): Outcome<FileListing> {
  const located = store.guard(actor, sessionId, { need: 'read', invalid: readProblem(undefined, input) });
  if (!located.ok) return located;
  const at = contentAt(store, located.session, input);
  if ('ok' in at) return at;
  const prefix = input.prefix ?? '';
  const items = [...at.content.files.entries()]
    .filter(([path]) => path.startsWith(prefix))
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([path, bytes]) => ({ path, size: byteSize(bytes), sha256: sha256Hex(bytes) }));
  return succeed({ items, revision: at.revision });
}
