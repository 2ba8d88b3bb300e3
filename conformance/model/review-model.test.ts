/** Unit tests of the model's review, cache and event rules (contract README §13) on hand-made cases. */
import { describe, expect, test } from 'vitest';
import { ModelStore } from './model-store.js';
import { cacheEntriesAt, getCacheEntry, putCacheEntry } from './ops-cache.js';
import { commit } from './ops-commits.js';
import { putFile } from './ops-files.js';
import { fork } from './ops-lineage.js';
import { merge } from './ops-merge.js';
import { createAnnotation, createApproval, deleteAnnotation, updateAnnotation } from './ops-review.js';
import { createSession } from './ops-sessions.js';
import { patchTags } from './ops-tags.js';
import { approvalsAllowCommit, cacheLiveness, type ApprovalRecord } from './review-records.js';

const owner = { principalId: 'usr_owner', tenantId: 'acme', admin: false };
const viewer = { principalId: 'usr_viewer', tenantId: 'acme', admin: false };
const other = { principalId: 'usr_other', tenantId: 'acme', admin: false };

function reviewSession(store: ModelStore): string {
  const created = createSession(store, owner, { title: 'r', purpose: 'review', files: [{ path: 'a', content: '1' }], access: [{ principalId: viewer.principalId, role: 'viewer' }, { principalId: other.principalId, role: 'viewer' }] }, { sessionId: 'ses_1', revision: 'rev_1' });
  if (!created.ok) throw new Error('setup');
  return created.value.id;
}

const approval = (actorId: string, decision: ApprovalRecord['decision'], revision: string, seq: number): ApprovalRecord => ({ id: `apr_${seq}`, sessionId: 's', revision, decision, actorId, comment: null, seq });

describe('which approvals count', () => {
  test('each reviewer\'s newest decision on the head counts', () => {
    expect(approvalsAllowCommit([approval('a', 'approved', 'h', 1)], 'h')).toBe(true);
    expect(approvalsAllowCommit([approval('a', 'approved', 'h', 1), approval('a', 'changes_requested', 'h', 2)], 'h')).toBe(false);
    expect(approvalsAllowCommit([approval('a', 'changes_requested', 'h', 1), approval('a', 'approved', 'h', 2)], 'h')).toBe(true);
    expect(approvalsAllowCommit([approval('a', 'approved', 'h', 1), approval('b', 'changes_requested', 'h', 2)], 'h')).toBe(false);
  });
  test('stale decisions count for nothing, blocking ones included', () => {
    expect(approvalsAllowCommit([approval('a', 'approved', 'old', 1)], 'h')).toBe(false);
    expect(approvalsAllowCommit([approval('a', 'approved', 'h', 1), approval('b', 'changes_requested', 'old', 2)], 'h')).toBe(true);
    // A newer decision on an old revision still replaces the reviewer's decision on the head.
    expect(approvalsAllowCommit([approval('a', 'approved', 'h', 1), approval('a', 'approved', 'old', 2)], 'h')).toBe(false);
  });
});

describe('review, cache and events in the model', () => {
  test('a review session commits once approved on the head; a viewer\'s changes_requested blocks it', () => {
    const store = new ModelStore();
    store.reviewSurface = true;
    const id = reviewSession(store);
    expect(commit(store, owner, id, { message: 'm' }, { commitId: 'cmt_1' })).toMatchObject({ ok: false, code: 'approval-required' });
    expect(createApproval(store, viewer, id, { decision: 'approved' }, { approvalId: 'apr_1' })).toMatchObject({ ok: true, status: 201, value: { stale: false, actorId: 'usr_viewer' } });
    createApproval(store, other, id, { decision: 'changes_requested' }, { approvalId: 'apr_2' });
    expect(commit(store, owner, id, { message: 'm' }, { commitId: 'cmt_1' })).toMatchObject({ ok: false, code: 'approval-required' });
    createApproval(store, other, id, { decision: 'approved' }, { approvalId: 'apr_3' });
    expect(commit(store, owner, id, { message: 'm' }, { commitId: 'cmt_1' })).toMatchObject({ ok: true, status: 201 });
  });

  test('without the review surface a review session commits unapproved', () => {
    const store = new ModelStore();
    const id = reviewSession(store);
    expect(commit(store, owner, id, { message: 'm' }, { commitId: 'cmt_1' })).toMatchObject({ ok: true });
  });

  test('annotations: file and range rules, rights, and events only for real changes', () => {
    const store = new ModelStore();
    const id = reviewSession(store);
    expect(createAnnotation(store, viewer, id, { body: 'x', path: 'missing' }, {})).toMatchObject({ ok: false, code: 'file-not-found' });
    expect(createAnnotation(store, viewer, id, { body: 'x', range: { startLine: 1, endLine: 2 } }, {})).toMatchObject({ ok: false, code: 'validation-failed' });
    expect(createAnnotation(store, viewer, id, { body: 'x', path: 'a', range: { startLine: 3, endLine: 2 } }, {})).toMatchObject({ ok: false, code: 'validation-failed' });
    expect(createAnnotation(store, viewer, id, { body: 'x', path: 'a', range: { startLine: 1, endLine: 1 } }, { annotationId: 'ann_1' })).toMatchObject({ ok: true, value: { status: 'open', authorId: 'usr_viewer', revision: 'rev_1' } });
    expect(updateAnnotation(store, other, id, 'ann_1', { status: 'resolved' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(updateAnnotation(store, viewer, id, 'ann_1', { body: 'x' })).toMatchObject({ ok: true });
    expect(updateAnnotation(store, owner, id, 'ann_1', { status: 'resolved', body: 'y' })).toMatchObject({ ok: true, value: { status: 'resolved', body: 'y' } });
    expect(deleteAnnotation(store, viewer, id, 'ann_1')).toMatchObject({ ok: true, status: 204 });
    expect(deleteAnnotation(store, viewer, id, 'ann_1')).toMatchObject({ ok: false, code: 'annotation-not-found' });
    expect(store.events.of(id).map((e) => [e.type, e.data])).toEqual([
      ['session.created', { files: 1 }],
      ['annotation.created', { annotationId: 'ann_1' }],
      ['annotation.changed', { annotationId: 'ann_1', fields: ['body', 'status'] }],
      ['annotation.deleted', { annotationId: 'ann_1' }],
    ]);
  });

  test('one event per session a request changes: a fork writes to the child, a retiring merge to both', () => {
    const store = new ModelStore();
    const root = reviewSession(store);
    const child = fork(store, owner, root, {}, { sessionId: 'ses_2' });
    if (!child.ok) throw new Error('setup');
    putFile(store, owner, 'ses_2', { path: 'a', content: '2' }, { revision: 'rev_2' });
    putFile(store, owner, 'ses_2', { path: 'a', content: '2' }, {});
    patchTags(store, owner, 'ses_2', { add: [] });
    merge(store, owner, root, { kind: 'merge', sourceSessionId: 'ses_2', retireSource: true }, {});
    expect(store.events.of(root).map((e) => e.type)).toEqual(['session.created', 'merged']);
    expect(store.events.of(root)[1]).toMatchObject({ revision: 'rev_2', data: { sourceSessionId: 'ses_2', method: 'merge', fastForward: true } });
    expect(store.events.of('ses_2').map((e) => e.type)).toEqual(['forked', 'file.written', 'retired']);
  });

  test('a cache entry with a TTL is live, then either, then gone, on the suite\'s clock', () => {
    const store = new ModelStore();
    const id = reviewSession(store);
    expect(putCacheEntry(store, owner, id, 'k', { value: 1, ttlSeconds: 1 }, { from: 1000, to: 1010 }, false)).toMatchObject({ ok: true, status: 201 });
    const record = store.cache.get(`${id} k`);
    expect(cacheLiveness(record, 1500, 1600)).toBe('live');
    expect(cacheLiveness(record, 1990, 2000)).toBe('either');
    expect(cacheLiveness(record, 2100, 2200)).toBe('gone');
    expect(cacheEntriesAt(store, id, '', { from: 1990, to: 2000 }).either.map((r) => r.key)).toEqual(['k']);
    expect(getCacheEntry(store, owner, id, 'k', false)).toMatchObject({ ok: false, code: 'cache-entry-not-found' });
    expect(cacheLiveness(store.cache.get(`${id} k`), 1500, 1600)).toBe('gone');
    expect(putCacheEntry(store, viewer, id, 'k', { value: 1 }, { from: 0, to: 0 }, false)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
