// SEMANTICS §5 (fork) and §6 (checkpoints, restore).
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { checkpoint, createSession, deleteFile, expectStatus, fork, getSession, putFile, readTree } from '../../test-support/session-steps.js';

describe('fork', () => {
  it('starts the child at the same revision and content, with lineage set and nothing else copied', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'x' }, { tags: ['t'], metadata: { k: 1 } });
    checkpoint(api, parent.id);
    const created = api.send('POST', `/v1/sessions/${parent.id}/fork`, { json: { title: 'child' } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/sessions/${created.json.id}`);
    expect(created.json).toMatchObject({ parentSessionId: parent.id, baseRevision: parent.revision, revision: parent.revision, forkedFromCheckpointId: null, tags: [], metadata: {}, hasUncommittedChanges: false, committedRevision: null });
    expect(readTree(api, created.json.id)).toEqual({ 'a.txt': 'x' });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${created.json.id}/checkpoints`).json.items).toEqual([]);
  });

  it('isolates parent and child from then on', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'x', 'b.txt': 'y' });
    const child = fork(api, parent.id);
    putFile(api, child.id, 'a.txt', 'child');
    deleteFile(api, parent.id, 'b.txt');
    expect(readTree(api, parent.id)).toEqual({ 'a.txt': 'x' });
    expect(readTree(api, child.id)).toEqual({ 'a.txt': 'child', 'b.txt': 'y' });
  });

  it('forks from a checkpoint of the source only', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'v1' });
    const c = checkpoint(api, parent.id);
    putFile(api, parent.id, 'a.txt', 'v2');
    const child = fork(api, parent.id, { checkpointId: c.id });
    expect(child).toMatchObject({ forkedFromCheckpointId: c.id, baseRevision: c.revision });
    expect(readTree(api, child.id)).toEqual({ 'a.txt': 'v1' });
    const other = createSession(api);
    expect(api.send('POST', `/v1/sessions/${other.id}/fork`, { json: { checkpointId: c.id } }).json.code).toBe('checkpoint-not-found');
  });

  it('starts the child with no commits even when the source has commits', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'x' });
    expectStatus(api, 201, 'POST', `/v1/sessions/${parent.id}/commit`, { json: { message: 'first' } });
    putFile(api, parent.id, 'a.txt', 'y');
    expectStatus(api, 201, 'POST', `/v1/sessions/${parent.id}/commit`, { json: { message: 'second' } });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${parent.id}/commits`).json.items).toHaveLength(2);
    const child = fork(api, parent.id);
    expect(child).toMatchObject({ committedRevision: null, hasUncommittedChanges: false, baseRevision: getSession(api, parent.id).committedRevision });
    expect(getSession(api, child.id).committedRevision).toBeNull();
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${child.id}/commits`).json).toEqual({ items: [], nextCursor: null });
  });

  it('lets a viewer fork what it can read (the child is its own)', () => {
    const api = checkedCore();
    const parent = createSession(api, {}, { access: [{ principalId: 'usr_viewer', role: 'viewer' }] });
    const child = fork(api, parent.id, {}, 't-viewer');
    expect(child.ownerId).toBe('usr_viewer');
  });
});

describe('checkpoints and restore', () => {
  it('keeps a checkpoint immutable and lists newest first', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const c1 = checkpoint(api, s.id, 'first');
    putFile(api, s.id, 'a.txt', 'two');
    const c2 = checkpoint(api, s.id);
    expect(c1).toMatchObject({ sessionId: s.id, revision: s.revision, label: 'first' });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/checkpoints/${c1.id}`).json).toEqual(c1);
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/checkpoints`).json.items.map((c: { id: string }) => c.id)).toEqual([c2.id, c1.id]);
    expect(readTree(api, s.id, `&checkpointId=${c1.id}`)).toEqual({ 'a.txt': 'one' });
  });

  it('restores by appending a revision equal to the checkpoint, keeping every checkpoint', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const c1 = checkpoint(api, s.id);
    putFile(api, s.id, 'a.txt', 'two');
    putFile(api, s.id, 'b.txt', 'new');
    const c2 = checkpoint(api, s.id);
    const restored = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: c1.id } }).json;
    expect(restored.revision).not.toBe(c1.revision);
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'one' });
    expect(readTree(api, s.id, `&revision=${c2.revision}`)).toEqual({ 'a.txt': 'two', 'b.txt': 'new' });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/checkpoints`).json.items).toHaveLength(2);
    const again = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: c1.id } }).json;
    expect(again).toMatchObject({ revision: restored.revision, version: restored.version });
  });

  it('does not capture tags in a checkpoint: a restore keeps the current tags', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' }, { tags: ['before'] });
    const c = checkpoint(api, s.id);
    putFile(api, s.id, 'a.txt', 'two');
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['after'], remove: ['before'] } });
    const before = getSession(api, s.id);
    const restored = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: c.id } }).json;
    expect(restored).toMatchObject({ tags: ['after'], version: before.version + 1 });
    expect(restored.revision).not.toBe(before.revision);
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'one' });
    expect(getSession(api, s.id).tags).toEqual(['after']);
  });

  it('restores only this session\'s checkpoints (404) and never a merged session (409)', () => {
    const api = checkedCore();
    const a = createSession(api, { 'a.txt': 'x' });
    const b = createSession(api);
    const ca = checkpoint(api, a.id);
    expect(api.send('POST', `/v1/sessions/${b.id}/restore`, { json: { checkpointId: ca.id } }).json.code).toBe('checkpoint-not-found');
    const child = fork(api, a.id);
    putFile(api, child.id, 'c.txt', 'c');
    const cc = checkpoint(api, child.id);
    expectStatus(api, 200, 'POST', `/v1/sessions/${a.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    expect(getSession(api, child.id).status).toBe('merged');
    checkpoint(api, child.id);
    expect(api.send('POST', `/v1/sessions/${child.id}/restore`, { json: { checkpointId: cc.id } }).json.code).toBe('session-not-active');
    expect(api.send('PUT', `/v1/sessions/${child.id}/files/z`, { body: 'z' }).json.code).toBe('session-not-active');
  });
});
