/**
 * The admin API's read routes over the whole state (README "Admin API"): every tenant's sessions,
 * the revision DAG and a revision's files. What the admin UI draws; the public API cannot (one
 * tenant per token, no deleted sessions, no revisions).
 */
import { empty, json, problem } from '../core/http/respond.js';
import type { MockResponse } from '../core/http/messages.js';
import type { MockCore } from '../core/mock-core.js';

/** The routes below, as `GET /__admin` lists them. */
export const VIEW_ENDPOINTS = {
  'GET /__admin/sessions': "Every tenant's sessions, deleted and merged ones too, in creation order: { items }.",
  'GET /__admin/sessions/{id}': 'One of them (404 session-not-found).',
  'GET /__admin/lineage': 'The revision DAG: { sessions, revisions, edges, forks, merges, checkpoints, commits }.',
  'GET /__admin/revisions/{revision}/files': "A revision's files: { revision, files: [{ path, size, sha256 }], environmentSpec }.",
  'GET /__admin/revisions/{revision}/files/{path}': "A file's bytes at a revision (path as one percent-encoded segment).",
} as const;

const SEGMENT = '([^/]+)';
const SESSION = new RegExp(`^/__admin/sessions/${SEGMENT}$`);
const FILES = new RegExp(`^/__admin/revisions/${SEGMENT}/files$`);
const FILE = new RegExp(`^/__admin/revisions/${SEGMENT}/files/${SEGMENT}$`);

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** JSON, or for HEAD only its headers: the lineage costs a walk of the whole DAG. */
function answer(head: boolean, body: unknown): MockResponse {
  return head ? empty(200, { 'content-type': 'application/json' }) : json(200, body);
}

function readOnly(method: string): MockResponse | null {
  return method === 'GET' || method === 'HEAD' ? null : problem('method-not-allowed', 'Use GET, HEAD.', { headers: { allow: 'GET, HEAD' } });
}

function revisionMissing(revision: string): MockResponse {
  return problem('revision-not-found', `No revision ${revision} in this state; GET /__admin/lineage lists them.`);
}

/** Answers one of {@link VIEW_ENDPOINTS}, or null when `path` (trailing slash cut, still percent-encoded) is none of them. */
export function handleAdminView(core: MockCore, method: string, path: string): MockResponse | null {
  const head = method === 'HEAD';
  if (path === '/__admin/sessions' || path === '/__admin/lineage') {
    const refused = readOnly(method);
    if (refused) return refused;
    const view = core.adminView();
    return answer(head, path === '/__admin/lineage' ? view.lineage() : { items: view.sessions() });
  }
  const session = SESSION.exec(path);
  const files = FILES.exec(path);
  const file = FILE.exec(path);
  if (!session && !files && !file) return null;
  const refused = readOnly(method);
  if (refused) return refused;
  const view = core.adminView();
  if (session) {
    const id = decoded(session[1] ?? '');
    const found = view.sessions().find((s) => s.id === id);
    return found ? answer(head, found) : problem('session-not-found', `No session ${id ?? session[1] ?? ''} in any tenant, deleted ones included.`);
  }
  if (files) {
    const revision = decoded(files[1] ?? '') ?? '';
    const listed = view.revisionFiles(revision);
    return listed ? answer(head, listed) : revisionMissing(revision);
  }
  const revision = decoded(file?.[1] ?? '') ?? '';
  const filePath = decoded(file?.[2] ?? '');
  if (filePath === null) return problem('validation-failed', 'The file path is not valid percent-encoding.', { errors: [{ pointer: '#/path/path', message: 'not valid percent-encoding' }] });
  const read = view.fileAt(revision, filePath);
  // node:http drops a HEAD response's body itself, and keeps its Content-Length.
  if (read.ok) return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: read.bytes };
  return read.missing === 'revision' ? revisionMissing(revision) : problem('file-not-found', `No file ${filePath} at revision ${revision}.`);
}
