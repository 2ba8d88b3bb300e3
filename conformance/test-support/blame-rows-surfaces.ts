/**
 * Test-only: blame rows for the steps of the optional surfaces (contract README §13):
 * annotations, approvals and the cache. The events checks every step makes are broken here too,
 * on a plain write.
 */
import { AnnotateCommand } from '../mbt/commands/annotate.js';
import { ApproveCommand } from '../mbt/commands/approve.js';
import { CacheCommand } from '../mbt/commands/cache-step.js';
import { EditAnnotationCommand } from '../mbt/commands/edit-annotation.js';
import { ListAnnotationsCommand } from '../mbt/commands/list-annotations.js';
import { armed, items, json, problem } from './armed-rules.js';
import type { SuiteModel } from '../mbt/suite-model.js';
import { annotationView } from '../model/review-records.js';
import type { ProxyResponse } from './broken-proxy.js';
import { at, create, write, type BlameCase } from './blame-case.js';

/** One annotation of s0's, whatever its id. */
const ONE_NOTE = (m: SuiteModel): RegExp => new RegExp(at(m, 0, '/annotations/').source.replace('(\\?.*)?$', '[^/?]+(\\?.*)?$'));

/** A 200 with note n0 as the model holds it, changed by `patch`. */
function noteAnswer(m: SuiteModel, patch: Record<string, unknown>): ProxyResponse {
  const record = m.store.annotations.get(m.annotations[0] ?? '');
  const view = record ? { ...annotationView(record), createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:01Z', ...patch } : {};
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(view)) };
}

/** s0 with a note by the owner on `a` (n0). */
const annotated = (): BlameCase['setup'] => [create(), new AnnotateCommand(0, 'on-file', false)];

export const SURFACE_ROWS: readonly BlameCase[] = [
  {
    name: 'annotate', setup: [create()], step: new AnnotateCommand(0, 'on-file', true), breaks: [
      { check: 'status (404 revision or file, 400 range)', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/annotations') }, problem(404, 'file-not-found')) },
      { check: 'fields of the created note', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/annotations') }, json((b) => { b.status = 'resolved'; })) },
      { check: 'getAnnotation: status and fields', rule: (m) => armed({ method: 'GET', path: ONE_NOTE(m) }, json((b) => { b.path = null; })) },
    ],
  },
  {
    name: 'editAnnotation', setup: annotated(), step: new EditAnnotationCommand(0, false, 'resolve', null), breaks: [
      // The viewer's 403 turned into the change done.
      { check: 'status (403 not the author and no change rights, 404 gone or another session)', rule: (m) => armed({ method: 'PATCH', path: ONE_NOTE(m) }, () => noteAnswer(m, { status: 'resolved' })) },
      { check: 'list afterwards: items, filters, order, their fields', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/annotations') }, items((list) => { list.splice(0); })) },
    ],
  },
  {
    name: 'editAnnotation as author', setup: annotated(), step: new EditAnnotationCommand(0, true, 'body', null), breaks: [
      { check: 'fields after the change', rule: (m) => armed({ method: 'PATCH', path: ONE_NOTE(m) }, json((b) => { b.body = 'unchanged'; })) },
    ],
  },
  {
    name: 'listAnnotations', setup: [...annotated(), new EditAnnotationCommand(0, true, 'resolve', null), new AnnotateCommand(0, 'session', false)], step: new ListAnnotationsCommand(0, 'open', false, 1), breaks: [
      { check: 'status, item fields, filtered items (missing, extra, order)', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/annotations') }, items((list) => { list.push({ ...list[0], id: 'ann_extra' }); })) },
    ],
  },
  {
    name: 'approve', setup: [create(), write(0, 'a', '2\n')], step: new ApproveCommand(0, 'approved', true, true), breaks: [
      { check: 'status (404 revision not in the history)', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/approvals') }, problem(404, 'revision-not-found')) },
      { check: 'fields of the decision, getApproval, each listed approval (stale included)', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/approvals') }, items((list) => { for (const a of list) a.stale = false; })) },
    ],
  },
  {
    name: 'cache put', setup: [create()], step: new CacheCommand(0, 'lint.eslint', { kind: 'put', value: 0, ttl: 3600, asViewer: false }), breaks: [
      { check: 'status of an entry with a TTL, ttlSeconds, expiresAt, an expired entry listed', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/cache/lint.eslint') }, json((b) => { b.expiresAt = b.updatedAt; })) },
      { check: 'status of an entry without a TTL, fields (the answer and the read back), list order', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/cache/lint.eslint') }, json((b) => { b.value = 'other'; })) },
    ],
  },
  {
    name: 'cache get', setup: [create(), new CacheCommand(0, 'lint.tsc', { kind: 'put', value: 1, ttl: null, asViewer: false })], step: new CacheCommand(0, 'lint.tsc', { kind: 'get' }), breaks: [
      { check: 'status of an entry without a TTL, fields (the answer and the read back), list order', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/cache/lint.tsc') }, problem(404, 'cache-entry-not-found')) },
    ],
  },
  {
    name: 'cache viewer write', setup: [create()], step: new CacheCommand(0, 'test:unit', { kind: 'put', value: 2, ttl: null, asViewer: true }), breaks: [
      { check: 'a viewer writing', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/cache/test%3Aunit') }, () => ({ status: 201, headers: { 'content-type': 'application/json', location: '/x' }, body: Buffer.from(JSON.stringify({ key: 'test:unit', value: 'x', ttlSeconds: null, expiresAt: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' })) })) },
    ],
  },
  {
    name: 'events after a write', setup: [create()], step: write(0, 'a', '3\n'), breaks: [
      { check: 'events after the step: a session\'s new events differ from what it caused', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/events') }, items((list) => { for (const e of list) e.actorId = 'usr_nobody'; })) },
    ],
  },
];
