// Contract §13 "Approvals": decisions on revisions, stale at read time, and the commit gate of review sessions.
import { describe, expect, it } from 'vitest';
import { ROLES, inspectedCore, teamSession } from '../../test-support/review-steps.js';
import { expectStatus, fork, putFile } from '../../test-support/session-steps.js';
import type { CheckedCore } from '../../test-support/checked-core.js';

const approvals = (id: string) => `/v1/sessions/${id}/approvals`;

function decide(api: CheckedCore, sessionId: string, token: string, decision: 'approved' | 'changes_requested', extra: Record<string, unknown> = {}) {
  return expectStatus(api, 201, 'POST', approvals(sessionId), { token, json: { decision, ...extra } }).json;
}

function commit(api: CheckedCore, sessionId: string, extra: Record<string, unknown> = {}) {
  return api.send('POST', `/v1/sessions/${sessionId}/commit`, { json: { message: 'ship it', ...extra } });
}

describe('approvals', () => {
  it('records a decision on the head by default or on a revision of the history; viewers and the owner decide', () => {
    const { api, eventTypes } = inspectedCore();
    const s = teamSession(api);
    const byViewer = decide(api, s.id, ROLES.viewer, 'approved', { comment: 'ok' });
    expect(byViewer).toMatchObject({ sessionId: s.id, revision: s.revision, decision: 'approved', actorId: 'usr_viewer', comment: 'ok', stale: false });
    expect(decide(api, s.id, ROLES.owner, 'changes_requested').comment).toBeNull();
    const other = teamSession(api);
    expect(api.send('POST', approvals(s.id), { json: { decision: 'approved', revision: other.revision } }).json.code).toBe('revision-not-found');
    for (const token of [ROLES.stranger, ROLES.otherTenant]) expect(api.send('POST', approvals(s.id), { token, json: { decision: 'approved' } }).json.code).toBe('session-not-found');
    expect(expectStatus(api, 200, 'GET', `${approvals(s.id)}/${byViewer.id}`, { token: ROLES.viewer }).json).toEqual(byViewer);
    expect(api.send('GET', `${approvals(other.id)}/${byViewer.id}`).json.code).toBe('approval-not-found');
    // An idempotent replay acts once and writes one event.
    const retry = { json: { decision: 'approved' }, headers: { 'idempotency-key': 'a-1' } };
    const once = expectStatus(api, 201, 'POST', approvals(s.id), retry).json;
    expect(expectStatus(api, 201, 'POST', approvals(s.id), retry).json).toEqual(once);
    expect(eventTypes(s.id).filter((t) => t === 'approval.created')).toHaveLength(3);
  });

  it('computes stale when read: fresh on the head, stale once the head moves or when decided on a past revision', () => {
    const { api } = inspectedCore();
    const s = teamSession(api, { 'a.txt': 'a' });
    const approval = decide(api, s.id, ROLES.viewer, 'approved');
    expect(approval.stale).toBe(false);
    putFile(api, s.id, 'a.txt', 'b');
    expect(expectStatus(api, 200, 'GET', `${approvals(s.id)}/${approval.id}`).json.stale).toBe(true);
    const onPast = decide(api, s.id, ROLES.editor, 'changes_requested', { revision: s.revision });
    expect(onPast).toMatchObject({ revision: s.revision, stale: true });
    expect(expectStatus(api, 200, 'GET', approvals(s.id)).json.items.map((a: { stale: boolean }) => a.stale)).toEqual([true, true]);
  });

  it('lists newest first, paged', () => {
    const { api } = inspectedCore();
    const s = teamSession(api);
    const ids = [0, 1, 2].map(() => decide(api, s.id, ROLES.viewer, 'approved').id);
    const first = expectStatus(api, 200, 'GET', `${approvals(s.id)}?limit=2`).json;
    expect(first.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    const rest = expectStatus(api, 200, 'GET', `${approvals(s.id)}?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`).json;
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect(api.send('GET', `${approvals(s.id)}?cursor=bm9wZQ`).json.code).toBe('invalid-cursor');
    expect(expectStatus(api, 200, 'GET', approvals(fork(api, s.id).id)).json.items).toEqual([]);
  });
});

describe('commit of a review session (approval-required)', () => {
  function reviewSession() {
    const context = inspectedCore();
    const s = teamSession(context.api, { 'a.txt': 'a' }, { purpose: 'review' });
    return { ...context, s };
  }

  it('needs an approval of the head, and commits once it has one', () => {
    const { api, s, eventTypes } = reviewSession();
    const refused = commit(api, s.id);
    expect(refused.json.code).toBe('approval-required');
    expect(eventTypes(s.id)).not.toContain('committed');
    decide(api, s.id, ROLES.viewer, 'approved');
    expect(commit(api, s.id).status).toBe(201);
    // Other purposes commit without approvals.
    const plain = teamSession(api, { 'a.txt': 'a' });
    expect(commit(api, plain.id).status).toBe(201);
  });

  it('counts only each reviewer\'s newest decision, and any reviewer\'s changes_requested blocks', () => {
    const { api, s } = reviewSession();
    decide(api, s.id, ROLES.viewer, 'approved');
    decide(api, s.id, ROLES.viewer, 'changes_requested');
    expect(commit(api, s.id).json.code).toBe('approval-required');
    decide(api, s.id, ROLES.admin, 'approved');
    expect(commit(api, s.id).json.code).toBe('approval-required');
    decide(api, s.id, ROLES.viewer, 'approved');
    expect(commit(api, s.id).status).toBe(201);
  });

  it('does not count a stale approval', () => {
    const { api, s } = reviewSession();
    decide(api, s.id, ROLES.viewer, 'approved');
    putFile(api, s.id, 'a.txt', 'changed');
    expect(commit(api, s.id).json.code).toBe('approval-required');
  });

  it('checks session-not-active, revision-mismatch and nothing-to-commit first', () => {
    const { api, s } = reviewSession();
    expect(commit(api, s.id, { expectedRevision: 'rev_zzzzzzzz' }).json.code).toBe('revision-mismatch');
    const child = fork(api, s.id, { purpose: 'review' });
    expect(commit(api, child.id).json.code).toBe('nothing-to-commit');
    putFile(api, child.id, 'b.txt', 'b');
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    expect(commit(api, child.id).json.code).toBe('session-not-active');
  });
});
