/**
 * Test-only: blame rows for the commands on sessions, files, specs, tags, lists and access.
 * Each break corrupts the first answer of one request of the step under test (or every one,
 * where the check re-reads), in one way.
 */
import { AnonymousCommand } from '../mbt/commands/anonymous-probe.js';
import { BulkFilesCommand } from '../mbt/commands/bulk-files.js';
import { DeleteFileCommand } from '../mbt/commands/delete-file.js';
import { DeleteSessionCommand } from '../mbt/commands/delete-session.js';
import { ForkCommand } from '../mbt/commands/fork-session.js';
import { GenerateSpecCommand } from '../mbt/commands/generate-spec.js';
import { InvalidRequestCommand } from '../mbt/commands/invalid-request.js';
import { ListFilesCommand } from '../mbt/commands/list-files.js';
import { ListSessionsCommand } from '../mbt/commands/list-sessions.js';
import { TagsCommand } from '../mbt/commands/patch-tags.js';
import { PutSpecCommand } from '../mbt/commands/put-spec.js';
import { ReadAtRevisionCommand } from '../mbt/commands/read-at-revision.js';
import { StaleIfMatchCommand } from '../mbt/commands/stale-if-match.js';
import { StrangerCommand } from '../mbt/commands/stranger-probe.js';
import { ViewerCommand } from '../mbt/commands/viewer-change.js';
import { WriteBothCommand } from '../mbt/commands/write-both.js';
import { WriteFileCommand } from '../mbt/commands/write-file.js';
import { armed, chain, header, items, json, problem, type Corrupt } from './armed-rules.js';
import { at, create, createAndFork, head, notFound, sid, write, type BlameCase } from './blame-case.js';

const SESSIONS = /^\/v1\/sessions(\?.*)?$/;

/** `401 unauthenticated` (with its challenge) instead of another tenant's 404. */
const unauthenticated: Corrupt = (res, req) => ({ ...problem(401, 'unauthenticated')(res, req), headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' } });

/** Every answer about `s<i>` (its detail and its summary in lists) shows another title. */
const retitled = (i: number): BlameCase['breaks'][number]['rule'] => (model) => chain(
  armed({ method: 'GET', path: at(model, i), nth: 'every' }, json((b) => { b.title = 'changed behind the step'; })),
  armed({ method: 'GET', path: SESSIONS, nth: 'every' }, items((list) => { for (const s of list) if (s.id === sid(model, i)) s.title = 'changed behind the step'; })),
);

/** Every file list of `s<i>` shows another sha256 for its first file. */
const shaChanged = (i: number): BlameCase['breaks'][number]['rule'] => (model) => armed({ method: 'GET', path: at(model, i, '/files'), nth: 'every' }, items((list) => { if (list[0]) list[0].sha256 = '0'.repeat(64); }));

export const CONTENT_ROWS: readonly BlameCase[] = [
  {
    name: 'create', setup: [create()], step: create(), breaks: [
      { check: 'status', rule: () => armed({ method: 'POST', path: SESSIONS }, problem(409, 'path-collision')) },
      { check: 'answer: revision, title, other fields', rule: () => armed({ method: 'POST', path: SESSIONS }, json((b) => { b.title = 'other'; })) },
      { check: 'answer: version', rule: () => armed({ method: 'POST', path: SESSIONS }, json((b) => { b.version = 2; })) },
      { check: 'answer: ETag', rule: () => armed({ method: 'POST', path: SESSIONS }, header('etag', '"7"')) },
      { check: { reused: 'session' }, rule: (m) => armed({ method: 'POST', path: SESSIONS }, json((b) => { b.id = sid(m, 0); })) },
      { check: { reused: 'revision' }, rule: (m) => armed({ method: 'POST', path: SESSIONS }, json((b) => { b.revision = head(m, 0); })) },
    ],
  },
  {
    name: 'fork', setup: [create()], step: new ForkCommand(0, null), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/fork') }, notFound) },
      { check: 'answer: parentSessionId, baseRevision, forkedFromCheckpointId', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/fork') }, json((b) => { b.parentSessionId = null; })) },
      { check: 'answer: tags', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/fork') }, json((b) => { b.tags = []; })) },
      { check: { reused: 'session' }, rule: (m) => armed({ method: 'POST', path: at(m, 0, '/fork') }, json((b) => { b.id = sid(m, 0); })) },
      { check: 'observe others: revision, title, other fields', rule: retitled(0) },
    ],
  },
  {
    name: 'write', setup: [create()], step: write(0, 'a', '2\n'), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, notFound) },
      { check: 'fields revision, changed', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, json((b) => { b.changed = false; })) },
      { check: 'fields path, size, sha256', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, json((b) => { b.size = 9; })) },
      { check: 'file ETag', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, header('etag', `"${'0'.repeat(64)}"`)) },
      { check: { reused: 'revision' }, rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, json((b) => { b.revision = head(m, 0); })) },
      { check: 'observe own: GET not 200, file list', rule: shaChanged(0) },
    ],
  },
  {
    name: 'write with a stale If-Match', setup: [create()], step: new WriteFileCommand(0, 'a', '2\n', 'stale'), breaks: [
      { check: 'status 412 when a precondition fails', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, notFound) },
    ],
  },
  {
    name: 'writeBoth', setup: createAndFork(), step: new WriteBothCommand(0, 1, 'a', '2\n', '3\n'), breaks: [
      { check: 'second › fields path, size, sha256', rule: (m) => armed({ method: 'PUT', path: at(m, 1, '/files/a') }, json((b) => { b.size = 9; })) },
    ],
  },
  {
    name: 'deleteFile', setup: [create()], step: new DeleteFileCommand(0, 'a'), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'DELETE', path: at(m, 0, '/files/a') }, problem(404, 'file-not-found')) },
      // The head a 204 leads to is read with a GET: answering the old head is no new revision.
      { check: { reused: 'revision' }, rule: (m) => { const old = head(m, 0); return armed({ method: 'GET', path: at(m, 0) }, json((b) => { b.revision = old; })); } },
      { check: 'observe own: GET not 200, file list', rule: shaChanged(0) },
    ],
  },
  {
    name: 'delete', setup: [create()], step: new DeleteSessionCommand(0), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'DELETE', path: at(m, 0) }, notFound) },
    ],
  },
  {
    name: 'putSpec', setup: [create()], step: new PutSpecCommand(0, 0), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/environmentSpec') }, notFound) },
      { check: 'fields of the spec', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/environmentSpec') }, json((b) => { b.env = { CHANGED: '1' }; })) },
      { check: { reused: 'revision' }, rule: (m) => { const old = head(m, 0); return armed({ method: 'GET', path: at(m, 0) }, json((b) => { b.revision = old; })); } },
    ],
  },
  {
    name: 'generateSpec', setup: [create()], step: new GenerateSpecCommand(0, false), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/generateEnvironmentSpec') }, notFound) },
      { check: 'field revision', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/generateEnvironmentSpec') }, json((b) => { b.revision = `${String(b.revision)}x`; })) },
      { check: 'fields spec, applied, sources', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/generateEnvironmentSpec') }, json((b) => { b.sources = ['nowhere']; })) },
    ],
  },
  {
    name: 'readAt', setup: [create(), write(0, 'a', '2\n')], step: new ReadAtRevisionCommand(0, 'a', 1, null), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files/a') }, problem(404, 'revision-not-found')) },
      { check: 'bytes', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files/a') }, (res) => ({ ...res, body: Buffer.from('9\n') })) },
      { check: 'file ETag', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files/a') }, header('etag', `"${'0'.repeat(64)}"`)) },
    ],
  },
  {
    name: 'listFiles', setup: [create()], step: new ListFilesCommand(0, null, 1), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files') }, notFound) },
      { check: 'paging: repeats, missing, extra, order', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files'), nth: 2 }, items((list) => { list.splice(0, 1); })) },
      { check: "an item's fields (size, sha256)", rule: shaChanged(0) },
    ],
  },
  {
    name: 'list', setup: createAndFork(), step: new ListSessionsCommand(1), breaks: [
      { check: 'a page not 200, repeats, missing, extra', rule: () => armed({ method: 'GET', path: SESSIONS, nth: 2 }, items((list) => { list.splice(0, 1); })) },
      { check: 'summary field version', rule: () => armed({ method: 'GET', path: SESSIONS }, items((list) => { for (const s of list) s.version = 9; })) },
      { check: 'summary fields but version', rule: () => armed({ method: 'GET', path: SESSIONS }, items((list) => { for (const s of list) s.title = 'other'; })) },
    ],
  },
  {
    name: 'tags', setup: [create()], step: new TagsCommand(0, ['ok'], []), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'PATCH', path: at(m, 0, '/tags') }, notFound) },
      { check: 'answer: tags', rule: (m) => armed({ method: 'PATCH', path: at(m, 0, '/tags') }, json((b) => { b.tags = (b.tags as string[]).filter((t) => t !== 'ok'); })) },
      { check: 'answer: version', rule: (m) => armed({ method: 'PATCH', path: at(m, 0, '/tags') }, json((b) => { b.version = 1; })) },
      { check: 'answer: ETag', rule: (m) => armed({ method: 'PATCH', path: at(m, 0, '/tags') }, header('etag', '"1"')) },
    ],
  },
  { name: 'staleIfMatch', setup: [create()], step: new StaleIfMatchCommand(0, 'tags'), breaks: [{ check: 'status: 412 precondition-failed', rule: (m) => armed({ method: 'PATCH', path: at(m, 0, '/tags') }, notFound) }] },
  { name: 'viewer', setup: [create()], step: new ViewerCommand(0, 'write'), breaks: [{ check: 'status: 200 read, 403 change', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/c.txt') }, notFound) }] },
  { name: 'stranger', setup: [create()], step: new StrangerCommand(0, 'get'), breaks: [{ check: 'status: 404', rule: (m) => armed({ method: 'GET', path: at(m, 0) }, unauthenticated) }] },
  { name: 'anonymous', setup: [create()], step: new AnonymousCommand(0, 'get'), breaks: [{ check: 'status: 401 unauthenticated', rule: (m) => armed({ method: 'GET', path: at(m, 0) }, notFound) }] },
  {
    name: 'invalid', setup: [create()], step: new InvalidRequestCommand(0, 'bad-limit'), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files') }, notFound) },
      { check: 'errors[] present', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files') }, json((b) => { b.errors = []; })) },
    ],
  },
  { name: 'bulkFiles', setup: [], step: new BulkFilesCommand(51), breaks: [{ check: 'create › status', rule: () => armed({ method: 'POST', path: SESSIONS }, problem(409, 'path-collision')) }] },
];
