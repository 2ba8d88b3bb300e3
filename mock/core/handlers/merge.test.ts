// SEMANTICS §8: every merge case through the HTTP core.
import { describe, expect, it } from 'vitest';
import { checkedCore, type CheckedCore } from '../../test-support/checked-core.js';
import { createSession, deleteFile, expectStatus, fork, getSession, putFile, readTree } from '../../test-support/session-steps.js';

function merge(api: CheckedCore, targetId: string, body: Record<string, unknown>, method: 'merge' | 'mergeFrom' = 'merge') {
  return api.send('POST', `/v1/sessions/${targetId}:${method}`, { json: body });
}

/** Parent with a.txt/b.txt/c.txt and a child fork; both then change as given. */
function diverged(api: CheckedCore) {
  const parent = createSession(api, { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
  const child = fork(api, parent.id);
  return { parent, child };
}

describe('merge and mergeFrom', () => {
  it('merges cleanly: each side\'s change and a deletion, with a two-parent revision', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, parent.id, 'a.txt', 'parent');
    putFile(api, child.id, 'b.txt', 'child');
    deleteFile(api, child.id, 'c.txt');
    const childBefore = getSession(api, child.id);
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.status).toBe(200);
    expect(result.json.fastForward).toBe(false);
    expect(result.json.applied).toEqual([{ path: 'b.txt', change: 'modified' }, { path: 'c.txt', change: 'deleted' }]);
    expect(result.json.resolved).toEqual([]);
    expect(readTree(api, parent.id)).toEqual({ 'a.txt': 'parent', 'b.txt': 'child' });
    expect(getSession(api, child.id)).toEqual(childBefore);
    const again = merge(api, parent.id, { sourceSessionId: child.id });
    expect(again.json.applied).toEqual([]);
    expect(again.json.session.version).toBe(result.json.session.version);
  });

  it('fast-forwards when the target has not moved', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, child.id, 'a.txt', 'child');
    const childHead = getSession(api, child.id).revision;
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.json).toMatchObject({ fastForward: true, applied: [{ path: 'a.txt', change: 'modified' }] });
    expect(result.json.session.revision).toBe(childHead);
  });

  it('moves the target\'s version by exactly 1 on a fast-forward, and the retired source\'s by exactly 1', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, child.id, 'a.txt', 'child');
    const targetBefore = getSession(api, parent.id);
    const sourceBefore = getSession(api, child.id);
    const result = merge(api, parent.id, { sourceSessionId: child.id, retireSource: true });
    expect(result.json.fastForward).toBe(true);
    expect(result.json.session.version).toBe(targetBefore.version + 1);
    expect(getSession(api, parent.id).version).toBe(targetBefore.version + 1);
    expect(getSession(api, child.id)).toMatchObject({ status: 'merged', mergedIntoSessionId: parent.id, revision: sourceBefore.revision, version: sourceBefore.version + 1 });
  });

  it('gives the merge revision the parents [target head, source head]', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, parent.id, 'a.txt', 'parent');
    putFile(api, child.id, 'b.txt', 'child');
    const sourceHead = getSession(api, child.id).revision;
    expect(api.send('GET', `/v1/sessions/${parent.id}/files/b.txt?revision=${sourceHead}`).json.code).toBe('revision-not-found');
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.json.fastForward).toBe(false);
    const read = expectStatus(api, 200, 'GET', `/v1/sessions/${parent.id}/files/b.txt?revision=${sourceHead}`);
    expect(new TextDecoder().decode(read.bytes)).toBe('child');
    const pulled = merge(api, child.id, { sourceSessionId: parent.id }, 'mergeFrom');
    expect(pulled.json).toMatchObject({ fastForward: true, applied: [{ path: 'a.txt', change: 'modified' }] });
    expect(pulled.json.session.revision).toBe(result.json.session.revision);
  });

  it('is up to date when the source has nothing new', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, parent.id, 'a.txt', 'parent');
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.json).toMatchObject({ fastForward: false, applied: [] });
    expect(result.json.session.version).toBe(getSession(api, parent.id).version);
  });

  it('reports every conflict exactly, sorted, and changes nothing', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, parent.id, 'b.txt', 'P');
    putFile(api, child.id, 'b.txt', 'C');
    deleteFile(api, parent.id, 'a.txt');
    putFile(api, child.id, 'a.txt', 'C');
    putFile(api, parent.id, 'c.txt', 'same');
    putFile(api, child.id, 'c.txt', 'same');
    const before = getSession(api, parent.id);
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.status).toBe(409);
    expect(result.json.code).toBe('merge-conflict');
    expect(result.json.conflicts.map((c: { path: string }) => c.path)).toEqual(['a.txt', 'b.txt']);
    expect(getSession(api, parent.id)).toEqual(before);
  });

  it('settles conflicts with ours or theirs and lists them as resolved', () => {
    for (const strategy of ['ours', 'theirs'] as const) {
      const api = checkedCore();
      const { parent, child } = diverged(api);
      putFile(api, parent.id, 'b.txt', 'P');
      putFile(api, child.id, 'b.txt', 'C');
      putFile(api, child.id, 'a.txt', 'C');
      const result = merge(api, parent.id, { sourceSessionId: child.id, strategy });
      expect(result.status).toBe(200);
      expect(result.json.resolved).toEqual(['b.txt']);
      expect(readTree(api, parent.id)).toEqual({ 'a.txt': 'C', 'b.txt': strategy === 'ours' ? 'P' : 'C', 'c.txt': 'c' });
    }
  });

  it('treats a file/directory collision in the result as a conflict', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, parent.id, 'x', 'file');
    putFile(api, child.id, 'x/y', 'nested');
    const result = merge(api, parent.id, { sourceSessionId: child.id });
    expect(result.json.code).toBe('merge-conflict');
    // `x` still equals its target value; the path that makes the collision is the conflict.
    expect(result.json.conflicts).toEqual([{ path: 'x/y', reason: 'path-collision' }]);
  });

  it('answers ambiguous-merge-base for a criss-cross history', () => {
    const api = checkedCore();
    const root = createSession(api, { x: '0', y: '0' });
    const b = fork(api, root.id);
    const c = fork(api, root.id);
    putFile(api, b.id, 'x', 'b');
    putFile(api, c.id, 'y', 'c');
    const bAtB1 = fork(api, b.id);
    expectStatus(api, 200, 'POST', `/v1/sessions/${b.id}:mergeFrom`, { json: { sourceSessionId: c.id } });
    expectStatus(api, 200, 'POST', `/v1/sessions/${c.id}:mergeFrom`, { json: { sourceSessionId: bAtB1.id } });
    const before = getSession(api, b.id);
    const result = merge(api, b.id, { sourceSessionId: c.id }, 'mergeFrom');
    expect(result.json.code).toBe('ambiguous-merge-base');
    expect(getSession(api, b.id)).toEqual(before);
  });

  it('refuses unrelated histories, non-descendants, itself and a retired target', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    const stranger = createSession(api, { 'a.txt': 'z' });
    expect(merge(api, parent.id, { sourceSessionId: stranger.id }, 'mergeFrom').json.code).toBe('unrelated-histories');
    expect(merge(api, parent.id, { sourceSessionId: stranger.id }).json.code).toBe('not-a-descendant');
    expect(merge(api, child.id, { sourceSessionId: parent.id }).json.code).toBe('not-a-descendant');
    expect(merge(api, parent.id, { sourceSessionId: parent.id }).status).toBe(422);
    expect(merge(api, parent.id, { sourceSessionId: 'ses_missing0' }).json.code).toBe('session-not-found');
    putFile(api, child.id, 'a.txt', 'new');
    const grandchild = fork(api, child.id);
    expectStatus(api, 200, 'POST', `/v1/sessions/${child.id}:merge`, { json: { sourceSessionId: grandchild.id, retireSource: true } });
    expect(getSession(api, grandchild.id)).toMatchObject({ status: 'merged' });
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    expect(merge(api, child.id, { sourceSessionId: grandchild.id }).json.code).toBe('session-not-active');
  });

  it('reads a retired source like any other: merging it again is up to date and changes nothing', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, child.id, 'a.txt', 'child');
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    const retired = getSession(api, child.id);
    expect(retired).toMatchObject({ status: 'merged', mergedIntoSessionId: parent.id });
    const before = getSession(api, parent.id);
    const again = merge(api, parent.id, { sourceSessionId: child.id, retireSource: true });
    expect(again.json).toMatchObject({ fastForward: false, applied: [] });
    const pulled = merge(api, parent.id, { sourceSessionId: child.id }, 'mergeFrom');
    expect(pulled.json.applied).toEqual([]);
    expect(getSession(api, parent.id)).toEqual(before);
    expect(getSession(api, child.id)).toEqual(retired);
  });

  it('needs change rights on the source to retire it: 403, nothing changed', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'a' }, { access: [{ principalId: 'usr_editor', role: 'editor' }] });
    const child = fork(api, parent.id, { access: [{ principalId: 'usr_editor', role: 'viewer' }] });
    putFile(api, child.id, 'a.txt', 'child');
    const targetBefore = getSession(api, parent.id);
    const sourceBefore = getSession(api, child.id);
    const refused = api.send('POST', `/v1/sessions/${parent.id}:merge`, { token: 't-editor', json: { sourceSessionId: child.id, retireSource: true } });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('forbidden');
    expect(getSession(api, parent.id)).toEqual(targetBefore);
    expect(getSession(api, child.id)).toEqual(sourceBefore);
    const merged = expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { token: 't-editor', json: { sourceSessionId: child.id } }).json;
    expect(merged.fastForward).toBe(true);
    expect(getSession(api, child.id)).toEqual(sourceBefore);
  });

  it('answers a missing source with 404 before a stale If-Match (412) or a viewer\'s lack of rights (403)', () => {
    const api = checkedCore();
    const target = createSession(api, { 'a.txt': 'a' }, { access: [{ principalId: 'usr_viewer', role: 'viewer' }] });
    const stale = api.send('POST', `/v1/sessions/${target.id}:merge`, { json: { sourceSessionId: 'ses_doesnotexist' }, headers: { 'if-match': `"${target.version + 1}"` } });
    expect(stale.status).toBe(404);
    expect(stale.json.code).toBe('session-not-found');
    const viewer = api.send('POST', `/v1/sessions/${target.id}:merge`, { token: 't-viewer', json: { sourceSessionId: 'ses_doesnotexist' } });
    expect(viewer.status).toBe(404);
    expect(viewer.json.code).toBe('session-not-found');
    expect(getSession(api, target.id)).toEqual(target);
  });

  it('retires an already retired source again into its grand-ancestor', () => {
    const api = checkedCore();
    const s0 = createSession(api, { 'a.txt': 'a' });
    const s1 = fork(api, s0.id);
    const s2 = fork(api, s1.id);
    putFile(api, s2.id, 'a.txt', 's2');
    expectStatus(api, 200, 'POST', `/v1/sessions/${s1.id}:merge`, { json: { sourceSessionId: s2.id, retireSource: true } });
    const retired = getSession(api, s2.id);
    expect(retired).toMatchObject({ status: 'merged', mergedIntoSessionId: s1.id });
    const result = merge(api, s0.id, { sourceSessionId: s2.id, retireSource: true });
    expect(result.status).toBe(200);
    expect(result.json.fastForward).toBe(true);
    expect(getSession(api, s2.id)).toMatchObject({ status: 'merged', mergedIntoSessionId: s0.id, revision: retired.revision, version: retired.version + 1 });
  });

  it('traces descent through a deleted session in between', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    const grandchild = fork(api, child.id);
    putFile(api, grandchild.id, 'g.txt', 'g');
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${child.id}`);
    expect(merge(api, parent.id, { sourceSessionId: grandchild.id }).json.fastForward).toBe(true);
  });

  it('refuses a stale expectedRevision with revision-mismatch', () => {
    const api = checkedCore();
    const { parent, child } = diverged(api);
    putFile(api, child.id, 'a.txt', 'x');
    expect(merge(api, parent.id, { sourceSessionId: child.id, expectedRevision: 'rev_stale000' }).json.code).toBe('revision-mismatch');
    expect(merge(api, parent.id, { sourceSessionId: child.id, expectedRevision: parent.revision }).status).toBe(200);
  });
});
