// SEMANTICS §7: commit summary and commit.
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { createSession, deleteFile, expectStatus, fork, getSession, putFile } from '../../test-support/session-steps.js';

describe('commit summary and commit', () => {
  it('summarises changes since the baseline, sorted, deterministically, changing nothing', () => {
    const api = checkedCore();
    const s = createSession(api, { 'b.txt': 'b', 'a.txt': 'a' });
    const first = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateCommitSummary`).json;
    expect(first).toMatchObject({ baseRevision: null, revision: s.revision, changes: [{ path: 'a.txt', change: 'added' }, { path: 'b.txt', change: 'added' }] });
    expect(expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateCommitSummary`).json).toEqual(first);
    expect(getSession(api, s.id).version).toBe(s.version);
  });

  it('commits exactly the summarised changes and clears them', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' });
    const commit = api.send('POST', `/v1/sessions/${s.id}/commit`, { json: { message: 'Initial', expectedRevision: s.revision } });
    expect(commit.status).toBe(201);
    expect(commit.json).toMatchObject({ sessionId: s.id, revision: s.revision, message: 'Initial', changes: [{ path: 'a.txt', change: 'added' }] });
    expect(getSession(api, s.id)).toMatchObject({ committedRevision: s.revision, hasUncommittedChanges: false });
    expect(api.send('POST', `/v1/sessions/${s.id}/commit`, { json: { message: 'again' } }).json.code).toBe('nothing-to-commit');
    putFile(api, s.id, 'a.txt', 'changed');
    deleteFile(api, s.id, 'a.txt');
    putFile(api, s.id, 'n.txt', 'n');
    const summary = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateCommitSummary`).json;
    expect(summary.changes).toEqual([{ path: 'a.txt', change: 'deleted' }, { path: 'n.txt', change: 'added' }]);
    expect(api.send('POST', `/v1/sessions/${s.id}/commit`, { json: { message: 'x', expectedRevision: s.revision } }).json.code).toBe('revision-mismatch');
    expectStatus(api, 201, 'POST', `/v1/sessions/${s.id}/commit`, { json: { message: 'second', expectedRevision: summary.revision } });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/commits`).json.items.map((c: { message: string }) => c.message)).toEqual(['second', 'Initial']);
  });

  it('uses the fork point as a fork\'s baseline', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'a' });
    const child = fork(api, parent.id);
    expect(api.send('POST', `/v1/sessions/${child.id}/commit`, { json: { message: 'x' } }).json.code).toBe('nothing-to-commit');
    putFile(api, child.id, 'a.txt', 'b');
    expect(getSession(api, child.id).hasUncommittedChanges).toBe(true);
    const summary = expectStatus(api, 200, 'POST', `/v1/sessions/${child.id}/generateCommitSummary`).json;
    expect(summary).toMatchObject({ baseRevision: parent.revision, changes: [{ path: 'a.txt', change: 'modified' }] });
    putFile(api, child.id, 'a.txt', 'a');
    expect(getSession(api, child.id).hasUncommittedChanges).toBe(false);
  });
});
