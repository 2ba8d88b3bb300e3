// Contract §13 "Annotations": pinned notes, who may change them, check order, list order and paging.
import { describe, expect, it } from 'vitest';
import { ROLES, inspectedCore, teamSession } from '../../test-support/review-steps.js';
import { deleteFile, expectStatus, fork, putFile } from '../../test-support/session-steps.js';

const START = Date.UTC(2026, 11, 1, 9, 0, 0);

function setup() {
  let real = START;
  const context = inspectedCore({ now: () => real });
  return { ...context, tick: (ms: number) => (real += ms) };
}

const notes = (id: string) => `/v1/sessions/${id}/annotations`;

describe('annotations', () => {
  it('pins a new open note to the head by default, authored by the caller; viewers may annotate', () => {
    const { api, eventTypes } = setup();
    const s = teamSession(api);
    const created = expectStatus(api, 201, 'POST', notes(s.id), { token: ROLES.viewer, json: { body: 'Why?' } });
    expect(created.headers.location).toBe(`${notes(s.id)}/${created.json.id}`);
    expect(created.json).toMatchObject({ sessionId: s.id, revision: s.revision, path: null, range: null, status: 'open', authorId: 'usr_viewer', body: 'Why?' });
    expect(created.json.createdAt).toBe(created.json.updatedAt);
    expect(expectStatus(api, 200, 'GET', `${notes(s.id)}/${created.json.id}`, { token: ROLES.viewer }).json).toEqual(created.json);
    for (const token of [ROLES.stranger, ROLES.otherTenant]) expect(api.send('POST', notes(s.id), { token, json: { body: 'x' } }).json.code).toBe('session-not-found');
    expect(eventTypes(s.id).filter((t) => t.startsWith('annotation'))).toEqual(['annotation.created']);
  });

  it('pins to a past revision of the history, whose files the path must name', () => {
    const { api } = setup();
    const s = teamSession(api, { 'a.txt': 'a' });
    deleteFile(api, s.id, 'a.txt');
    expect(api.send('POST', notes(s.id), { json: { body: 'x', path: 'a.txt' } }).json.code).toBe('file-not-found');
    const old = expectStatus(api, 201, 'POST', notes(s.id), { json: { body: 'x', path: 'a.txt', range: { startLine: 3, endLine: 3 }, revision: s.revision } }).json;
    expect(old).toMatchObject({ revision: s.revision, path: 'a.txt', range: { startLine: 3, endLine: 3 } });
    const other = teamSession(api);
    expect(api.send('POST', notes(s.id), { json: { body: 'x', revision: other.revision } }).json.code).toBe('revision-not-found');
    expect(api.send('POST', notes(s.id), { json: { body: 'x', revision: 'rev_zzzzzzzz' } }).json.code).toBe('revision-not-found');
  });

  it('refuses a range without a path or running backwards, and a bad path, with a pointer and no change', () => {
    const { api, eventTypes } = setup();
    const s = teamSession(api);
    const cases: [unknown, string, string][] = [
      [{ body: 'x', range: { startLine: 1, endLine: 2 } }, 'validation-failed', '/range'],
      [{ body: 'x', path: 'src/app.ts', range: { startLine: 5, endLine: 4 } }, 'validation-failed', '/range/endLine'],
      [{ body: 'x', path: 'src/./app.ts' }, 'invalid-path', '/path'],
    ];
    for (const [json, code, pointer] of cases) {
      const refused = expectStatus(api, 400, 'POST', notes(s.id), { json });
      expect(refused.json).toMatchObject({ code, errors: [{ pointer }] });
    }
    // The body rules are request shape: 400 before the session's 404 (contract §6, §13).
    expect(api.send('POST', notes(s.id), { token: ROLES.stranger, json: cases[0]?.[0] }).json.code).toBe('validation-failed');
    expect(api.send('POST', notes(s.id), { token: ROLES.stranger, json: { body: 'x' } }).json.code).toBe('session-not-found');
    expect(expectStatus(api, 200, 'GET', notes(s.id)).json.items).toEqual([]);
    expect(eventTypes(s.id)).not.toContain('annotation.created');
  });

  it('lets the author, an editor, the owner and a tenant admin change or delete a note; others who see it get 403', () => {
    const { api } = setup();
    const s = teamSession(api);
    const byOwner = expectStatus(api, 201, 'POST', notes(s.id), { json: { body: 'owner note' } }).json;
    const byViewer = expectStatus(api, 201, 'POST', notes(s.id), { token: ROLES.viewer, json: { body: 'viewer note' } }).json;
    const patch = (id: string, token: string, body: string) => api.send('PATCH', `${notes(s.id)}/${id}`, { token, json: { body } });
    expect(patch(byOwner.id, ROLES.viewer, 'no').json.code).toBe('forbidden');
    expect(api.send('DELETE', `${notes(s.id)}/${byOwner.id}`, { token: ROLES.viewer }).json.code).toBe('forbidden');
    expect(patch(byViewer.id, ROLES.viewer, 'mine').status).toBe(200);
    for (const token of [ROLES.editor, ROLES.owner, ROLES.admin]) expect(patch(byOwner.id, token, `by ${token}`).status, token).toBe(200);
    for (const token of [ROLES.stranger, ROLES.otherTenant]) expect(patch(byOwner.id, token, 'x').json.code, token).toBe('session-not-found');
    expectStatus(api, 204, 'DELETE', `${notes(s.id)}/${byViewer.id}`, { token: ROLES.viewer });
    expectStatus(api, 204, 'DELETE', `${notes(s.id)}/${byOwner.id}`, { token: ROLES.editor });
    expect(api.send('GET', `${notes(s.id)}/${byOwner.id}`).json.code).toBe('annotation-not-found');
  });

  it('checks session 404, then annotation 404, then 403', () => {
    const { api } = setup();
    const s = teamSession(api);
    const other = teamSession(api);
    const note = expectStatus(api, 201, 'POST', notes(other.id), { json: { body: 'elsewhere' } }).json;
    expect(api.send('PATCH', `${notes(s.id)}/${note.id}`, { token: ROLES.stranger, json: { body: 'x' } }).json.code).toBe('session-not-found');
    // A viewer of s asking for another session's note: not found, not forbidden.
    expect(api.send('PATCH', `${notes(s.id)}/${note.id}`, { token: ROLES.viewer, json: { body: 'x' } }).json.code).toBe('annotation-not-found');
    expect(api.send('DELETE', `${notes(s.id)}/ann_missing`, { token: ROLES.viewer }).json.code).toBe('annotation-not-found');
    expect(api.send('PATCH', `${notes(other.id)}/${note.id}`, { token: ROLES.viewer, json: { body: 'x' } }).json.code).toBe('forbidden');
  });

  it('answers a PATCH to its own values with 200 and changes nothing; a real change moves updatedAt and names the fields', () => {
    const { api, tick, eventTypes, store } = setup();
    const s = teamSession(api);
    const note = expectStatus(api, 201, 'POST', notes(s.id), { json: { body: 'b' } }).json;
    tick(5000);
    const same = expectStatus(api, 200, 'PATCH', `${notes(s.id)}/${note.id}`, { json: { body: 'b', status: 'open' } }).json;
    expect(same).toEqual(note);
    expect(eventTypes(s.id).filter((t) => t === 'annotation.changed')).toEqual([]);
    const changed = expectStatus(api, 200, 'PATCH', `${notes(s.id)}/${note.id}`, { json: { body: 'c', status: 'resolved' } }).json;
    expect(changed).toMatchObject({ body: 'c', status: 'resolved', createdAt: note.createdAt, updatedAt: new Date(START + 5000).toISOString() });
    expect(store().events.of(s.id).at(-1)?.data).toEqual({ annotationId: note.id, fields: ['body', 'status'] });
    // Annotations are not content: no new revision, no version move.
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}`).json).toMatchObject({ revision: s.revision, version: s.version });
  });

  it('lists oldest first, filtered by status and exact path, paged without repeats or skips across deletes', () => {
    const { api } = setup();
    const s = teamSession(api, { 'a.ts': 'a', 'a.ts.bak': 'b' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(expectStatus(api, 201, 'POST', notes(s.id), { json: { body: `n${i}`, path: i % 2 === 0 ? 'a.ts' : 'a.ts.bak' } }).json.id);
    expectStatus(api, 200, 'PATCH', `${notes(s.id)}/${ids[2]}`, { json: { status: 'resolved' } });
    const first = expectStatus(api, 200, 'GET', `${notes(s.id)}?limit=2`).json;
    expect(first.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
    expectStatus(api, 204, 'DELETE', `${notes(s.id)}/${ids[1]}`);
    const second = expectStatus(api, 200, 'GET', `${notes(s.id)}?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`).json;
    expect(second.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(2, 4));
    const last = expectStatus(api, 200, 'GET', `${notes(s.id)}?limit=2&cursor=${encodeURIComponent(second.nextCursor)}`).json;
    expect(last).toEqual({ items: [expect.objectContaining({ id: ids[4] })], nextCursor: null });
    const ofA = expectStatus(api, 200, 'GET', `${notes(s.id)}?path=a.ts&status=open`).json.items.map((a: { id: string }) => a.id);
    expect(ofA).toEqual([ids[0], ids[4]]);
    expect(expectStatus(api, 200, 'GET', `${notes(s.id)}?status=resolved&limit=1`).json).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
    const checkpoints = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files?limit=1`).json.nextCursor;
    expect(api.send('GET', `${notes(s.id)}?cursor=${encodeURIComponent(checkpoints)}`).json.code).toBe('invalid-cursor');
  });

  it('keeps notes on a merged session, none on a fork, and none reachable on a deleted session', () => {
    const { api, store } = setup();
    const parent = teamSession(api);
    const child = fork(api, parent.id);
    expectStatus(api, 201, 'POST', notes(parent.id), { json: { body: 'parent only' } });
    putFile(api, child.id, 'b.txt', 'b');
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: child.id, retireSource: true } });
    expect(expectStatus(api, 200, 'GET', `/v1/sessions/${child.id}`).json.status).toBe('merged');
    const onMerged = expectStatus(api, 201, 'POST', notes(child.id), { json: { body: 'after the merge' } }).json;
    expectStatus(api, 200, 'PATCH', `${notes(child.id)}/${onMerged.id}`, { json: { status: 'resolved' } });
    expect(expectStatus(api, 200, 'GET', notes(fork(api, parent.id).id)).json.items).toEqual([]);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${parent.id}`);
    // The delete itself frees them, before any later request names the session.
    expect(store().annotations.of(parent.id)).toEqual([]);
    expect(api.send('GET', notes(parent.id)).json.code).toBe('session-not-found');
  });
});
