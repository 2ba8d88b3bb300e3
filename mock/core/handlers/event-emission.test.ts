// Contract §13, "What writes an event": one event per session a request changes, after every check.
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { allEvents, eventTypes, lastEvent } from '../../test-support/event-steps.js';
import { checkpoint, createSession, deleteFile, expectStatus, fork, getSession, putFile } from '../../test-support/session-steps.js';

const TEAM = { access: [{ principalId: 'usr_editor', role: 'editor' }, { principalId: 'usr_viewer', role: 'viewer' }] };
const SPEC = { baseImage: null, runtimes: [{ name: 'node', version: '20' }], packageManagers: [], packages: [], env: {} };

describe('events written by each request', () => {
  it('create: session.created with the number of initial files, at the root revision, by the caller', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a', 'src/b.txt': 'b' }, TEAM, 't-editor');
    const events = allEvents(api, s.id, 't-editor');
    expect(events).toEqual([{ id: expect.any(String), type: 'session.created', sessionId: s.id, revision: s.revision, actorId: 'usr_editor', data: { files: 2 }, createdAt: expect.any(String) }]);
    expect((events[0]?.createdAt ?? '') >= s.createdAt).toBe(true);
  });

  it('fork: forked on the child only, its first event; the source log is untouched', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' }, TEAM);
    const cp = checkpoint(api, s.id, 'one');
    const before = allEvents(api, s.id);
    const child = fork(api, s.id, {}, 't-viewer');
    const fromCheckpoint = fork(api, s.id, { checkpointId: cp.id });
    expect(allEvents(api, child.id, 't-viewer')).toEqual([expect.objectContaining({ type: 'forked', sessionId: child.id, revision: s.revision, actorId: 'usr_viewer', data: { sourceSessionId: s.id, checkpointId: null } })]);
    expect(allEvents(api, fromCheckpoint.id).map((e) => e.data)).toEqual([{ sourceSessionId: s.id, checkpointId: cp.id }]);
    expect(allEvents(api, s.id)).toEqual(before);
  });

  it('files: file.written (created, then replaced) and file.deleted, each at the new head; equal bytes write nothing', () => {
    const api = checkedCore();
    const s = createSession(api);
    const created = putFile(api, s.id, 'src/a.txt', 'hello').json;
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'file.written', revision: created.revision, actorId: 'usr_owner', data: { path: 'src/a.txt', size: 5, sha256: created.sha256, created: true } });
    const replaced = putFile(api, s.id, 'src/a.txt', 'bye').json;
    expect(lastEvent(api, s.id)).toMatchObject({ revision: replaced.revision, data: { path: 'src/a.txt', size: 3, sha256: replaced.sha256, created: false } });
    putFile(api, s.id, 'src/a.txt', 'bye');
    deleteFile(api, s.id, 'src/a.txt');
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'file.deleted', revision: getSession(api, s.id).revision, data: { path: 'src/a.txt' } });
    expect(eventTypes(api, s.id)).toEqual(['session.created', 'file.written', 'file.written', 'file.deleted']);
  });

  it('spec: environment-spec.changed from PUT and from an applied generation, only when the spec changed', () => {
    const api = checkedCore();
    const s = createSession(api, { '.nvmrc': 'v22\n' });
    expectStatus(api, 200, 'PUT', `/v1/sessions/${s.id}/environmentSpec`, { json: SPEC });
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'environment-spec.changed', revision: getSession(api, s.id).revision, data: { generated: false } });
    expectStatus(api, 200, 'PUT', `/v1/sessions/${s.id}/environmentSpec`, { json: SPEC });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: {} });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: { apply: true } });
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'environment-spec.changed', data: { generated: true } });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: { apply: true } });
    expect(eventTypes(api, s.id)).toEqual(['session.created', 'environment-spec.changed', 'environment-spec.changed']);
  });

  it('tags: tags.changed with what was added and removed and the set after, sorted; a PATCH that changes nothing writes nothing', () => {
    const api = checkedCore();
    const s = createSession(api, {}, { tags: ['keep', 'old'] });
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['zeta', 'alpha', 'keep'], remove: ['old', 'absent'] } });
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'tags.changed', revision: s.revision, data: { added: ['alpha', 'zeta'], removed: ['old'], tags: ['alpha', 'keep', 'zeta'] } });
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['keep'], remove: ['absent'] } });
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { remove: ['old'] } });
    expect(eventTypes(api, s.id)).toEqual(['session.created', 'tags.changed']);
  });

  it('checkpoint, restore and commit: checkpoint.created, restored (only when content changed), committed', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' });
    const unlabelled = checkpoint(api, s.id);
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'checkpoint.created', revision: s.revision, data: { checkpointId: unlabelled.id, label: null } });
    const cp = checkpoint(api, s.id, 'start');
    expect(lastEvent(api, s.id)?.data).toEqual({ checkpointId: cp.id, label: 'start' });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: cp.id } });
    putFile(api, s.id, 'a.txt', 'changed');
    const restored = expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/restore`, { json: { checkpointId: cp.id } }).json;
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'restored', revision: restored.revision, data: { checkpointId: cp.id } });
    const commit = expectStatus(api, 201, 'POST', `/v1/sessions/${s.id}/commit`, { json: { message: 'first' } }).json;
    expect(lastEvent(api, s.id)).toMatchObject({ type: 'committed', revision: commit.revision, data: { commitId: commit.id } });
    expect(eventTypes(api, s.id)).toEqual(['session.created', 'checkpoint.created', 'checkpoint.created', 'file.written', 'restored', 'committed']);
  });

  it('merge: merged on the target (fast-forward or not), retired on the source after it; an up-to-date merge writes only the retirement', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'a' });
    const ff = fork(api, parent.id);
    putFile(api, ff.id, 'b.txt', 'b');
    const merged = expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: ff.id, retireSource: true } }).json;
    const [target, source] = [lastEvent(api, parent.id), lastEvent(api, ff.id)];
    expect(target).toMatchObject({ type: 'merged', revision: merged.session.revision, data: { sourceSessionId: ff.id, method: 'merge', fastForward: true } });
    expect(source).toMatchObject({ type: 'retired', revision: getSession(api, ff.id).revision, data: { mergedIntoSessionId: parent.id } });
    expect((target?.id ?? '') < (source?.id ?? '')).toBe(true);

    const sibling = fork(api, parent.id);
    putFile(api, sibling.id, 'c.txt', 'c');
    putFile(api, parent.id, 'a.txt', 'a2');
    const three = expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:mergeFrom`, { json: { sourceSessionId: sibling.id } }).json;
    expect(lastEvent(api, parent.id)).toMatchObject({ type: 'merged', revision: three.session.revision, data: { sourceSessionId: sibling.id, method: 'mergeFrom', fastForward: false } });

    const stale = fork(api, parent.id);
    const before = eventTypes(api, parent.id);
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: stale.id } });
    expect(eventTypes(api, parent.id)).toEqual(before);
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: stale.id, retireSource: true } });
    expect(eventTypes(api, parent.id)).toEqual(before);
    expect(eventTypes(api, stale.id)).toEqual(['forked', 'retired']);
    // Retiring again into the same target changes nothing.
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: stale.id, retireSource: true } });
    expect(eventTypes(api, stale.id)).toEqual(['forked', 'retired']);
  });

  it('delete: session.deleted at the head it had, then the log is 404 like every route', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' });
    const child = fork(api, s.id);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${s.id}`);
    expect(api.send('GET', `/v1/sessions/${s.id}/events`).json.code).toBe('session-not-found');
    expect(eventTypes(api, child.id)).toEqual(['forked']);
  });
});

describe('requests that write no event', () => {
  it('rejected requests: 400, 403, 404, 409, 412 and 422 leave every log as it was', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a', dir: 'file' }, TEAM);
    const child = fork(api, s.id);
    putFile(api, child.id, 'a.txt', 'both');
    putFile(api, s.id, 'a.txt', 'sides');
    const logs = () => [allEvents(api, s.id), allEvents(api, child.id)];
    const before = logs();
    const refused: [number, string, string, Record<string, unknown>][] = [
      [400, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['x'], remove: ['x'] } }],
      [403, 'PUT', `/v1/sessions/${s.id}/files/b.txt`, { body: 'b', token: 't-viewer' }],
      [404, 'DELETE', `/v1/sessions/${s.id}`, { token: 't-other' }],
      [404, 'DELETE', `/v1/sessions/${s.id}/files/none.txt`, {}],
      [409, 'PUT', `/v1/sessions/${s.id}/files/dir%2Fx`, { body: 'x' }],
      [409, 'POST', `/v1/sessions/${s.id}:merge`, { json: { sourceSessionId: child.id } }],
      [409, 'POST', `/v1/sessions/${child.id}/commit`, { json: { message: 'm', expectedRevision: s.revision } }],
      [412, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['x'] }, headers: { 'if-match': '"999"' } }],
      [412, 'PUT', `/v1/sessions/${s.id}/files/a.txt`, { body: 'x', headers: { 'if-none-match': '*' } }],
      [422, 'POST', `/v1/sessions/${s.id}:merge`, { json: { sourceSessionId: s.id } }],
    ];
    for (const [status, method, url, request] of refused) expectStatus(api, status, method, url, request);
    expect(logs()).toEqual(before);
  });

  it('idempotent replays never reach the handler: one event however often a POST is retried', () => {
    const api = checkedCore();
    const key = { 'idempotency-key': 'create-1' };
    const first = expectStatus(api, 201, 'POST', '/v1/sessions', { json: { title: 'once' }, headers: key });
    const again = expectStatus(api, 201, 'POST', '/v1/sessions', { json: { title: 'once' }, headers: key });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.id).toBe(first.json.id);
    for (let i = 0; i < 3; i += 1) expectStatus(api, 201, 'POST', `/v1/sessions/${first.json.id}/checkpoints`, { json: { label: 'l' }, headers: { 'idempotency-key': 'cp-1' } });
    expect(eventTypes(api, first.json.id)).toEqual(['session.created', 'checkpoint.created']);
  });

  it('reads and summaries write nothing', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'a' }, TEAM);
    getSession(api, s.id);
    expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files`);
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateCommitSummary`, { token: 't-viewer' });
    expectStatus(api, 200, 'POST', `/v1/sessions/${s.id}/generateEnvironmentSpec`, { json: { apply: false } });
    expect(eventTypes(api, s.id)).toEqual(['session.created']);
  });
});

describe('event order', () => {
  it('ids are unique across the server and increase in the order events happen, across sessions', () => {
    const api = checkedCore();
    const a = createSession(api);
    const b = createSession(api);
    putFile(api, a.id, 'x', '1');
    putFile(api, b.id, 'x', '1');
    checkpoint(api, a.id);
    const merged = [...allEvents(api, a.id), ...allEvents(api, b.id)].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || 0);
    const ids = merged.map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
    const byId = [...merged].sort((x, y) => (x.id < y.id ? -1 : 1)).map((e) => `${e.sessionId === a.id ? 'a' : 'b'}:${e.type}`);
    expect(byId).toEqual(['a:session.created', 'b:session.created', 'a:file.written', 'b:file.written', 'a:checkpoint.created']);
  });
});
