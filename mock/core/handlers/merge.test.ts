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
