// A core with a journal (`--state-dir` without the disk): a restart from the journal is the same
// state, and a change the journal cannot keep does not happen (README §6 "Durability").
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { checked, TEST_SCENARIO, type CheckedCore } from '../test-support/checked-core.js';
import { allEvents } from '../test-support/event-steps.js';
import { createSession, expectStatus, fork, putFile, readTree } from '../test-support/session-steps.js';
import { MemorySink } from './journal/memory-sink.js';
import { createMockCore } from './mock-core.js';
import type { ControllableClock } from './state/controllable-clock.js';

/** A clock change as the admin API makes one: applied, then answered 200. */
const applied = (apply: (clock: ControllableClock) => void) => (clock: ControllableClock) => {
  apply(clock);
  return { status: 200, headers: {} };
};

const START = Date.UTC(2026, 11, 1, 9, 0, 0);

/** A core journaling to `sink`, restored from what it holds when `restore` is set; its real clock stands at `now`. */
function journaled(sink: MemorySink, restore: boolean, now = START): CheckedCore {
  const restored = restore ? sink.frames() : null;
  return checked(createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, now: () => now, checkScenario: scenarioProblems, journal: { sink, restored } }));
}

function exported(api: CheckedCore): unknown {
  const { exportedAt: _at, ...state } = api.core.exportState();
  return state;
}

/** A day's mixed use: sessions, files, a fork, a cache entry with a TTL, an annotation, a keyed POST, tags. */
function busyDay(api: CheckedCore) {
  const s = createSession(api, { 'a.txt': 'one' }, { title: 'main' });
  putFile(api, s.id, 'b.txt', 'two');
  const child = fork(api, s.id);
  putFile(api, child.id, 'c.txt', 'three');
  api.core.clock.advance(60_000);
  expectStatus(api, 201, 'PUT', `/v1/sessions/${s.id}/cache/build`, { json: { value: { ok: true }, ttlSeconds: 120 } });
  expectStatus(api, 201, 'POST', `/v1/sessions/${s.id}/annotations`, { json: { body: 'look here' } });
  const keyed = expectStatus(api, 201, 'POST', '/v1/sessions', { json: { title: 'keyed' }, headers: { 'idempotency-key': 'k-1' } });
  expectStatus(api, 200, 'PATCH', `/v1/sessions/${s.id}/tags`, { json: { add: ['x'] } });
  return { s, child, keyed };
}

describe('a journaled core', () => {
  it('restarts from its journal to the same state: content, ids, events, cache expiry, idempotency, clock', () => {
    const sink = new MemorySink();
    const first = journaled(sink, false);
    const { s, keyed } = busyDay(first);
    expect(first.core.changeClock(applied((clock) => clock.freeze())).status).toBe(200);
    const frozenAt = first.core.clock.status().now;

    // Restarted an hour later by the real clock: the frozen clock still reads what it read.
    const second = journaled(sink, true, START + 3_600_000);
    expect(exported(second)).toEqual(exported(first));
    expect(allEvents(second, s.id)).toEqual(allEvents(first, s.id));
    expect(readTree(second, s.id)).toEqual({ 'a.txt': 'one', 'b.txt': 'two' });
    expect(second.core.clock.status()).toMatchObject({ now: frozenAt, frozen: true });
    const retry = expectStatus(second, 201, 'POST', '/v1/sessions', { json: { title: 'keyed' }, headers: { 'idempotency-key': 'k-1' } });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json.id).toBe(keyed.json.id);
    // The entry written at +1 min with 120 s to live expires at +3 min by the restored clock.
    expectStatus(second, 200, 'GET', `/v1/sessions/${s.id}/cache/build`);
    second.core.clock.advance(120_001);
    expectStatus(second, 404, 'GET', `/v1/sessions/${s.id}/cache/build`);
    // New ids continue after the restored ones.
    const next = createSession(second);
    expect(next.id > keyed.json.id).toBe(true);
  });

  it('brings back a refusal an Idempotency-Key remembers, so a retry after the restart replays it', () => {
    const sink = new MemorySink();
    const first = journaled(sink, false);
    const keyed = { json: {}, headers: { 'idempotency-key': 'fork-1' } };
    const refused = expectStatus(first, 404, 'POST', '/v1/sessions/ses_nothere/fork', keyed);
    expect(exported(first)).toMatchObject({ steps: [expect.objectContaining({ method: 'POST', expectStatus: 404 })] });
    const second = journaled(sink, true);
    const retry = expectStatus(second, 404, 'POST', '/v1/sessions/ses_nothere/fork', keyed);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(refused.json);
  });

  it('answers 507 for a change it cannot store, and nothing of the change remains', () => {
    const sink = new MemorySink();
    const api = journaled(sink, false);
    const s = createSession(api, { 'a.txt': 'one' });
    const before = exported(api);
    const eventsBefore = allEvents(api, s.id);
    const seen: string[] = [];
    const stream = api.core.handle({ method: 'GET', url: `/v1/sessions/${s.id}/events`, headers: { authorization: 'Bearer t-owner', accept: 'text/event-stream' } }).stream;
    const close = stream?.open({ write: (chunk) => seen.push(chunk), end: () => seen.push('end') });
    const backlog = seen.length;

    sink.failing = 'ENOSPC: no space left on device, write';
    const refused = expectStatus(api, 507, 'PUT', `/v1/sessions/${s.id}/files/b.txt`, { body: 'two' });
    expect(refused.json).toMatchObject({ code: 'storage-failed', detail: expect.stringContaining('ENOSPC') as string });
    expectStatus(api, 507, 'POST', '/v1/sessions', { json: { title: 'keyed' }, headers: { 'idempotency-key': 'k-2' } });
    // No stream saw the change; the rollback replaced the state, which ends the streams on it.
    expect(seen.slice(backlog)).toEqual(['end']);
    close?.();
    // Reads keep working, and show the state from before.
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'one' });
    expect(exported(api)).toEqual(before);
    expect(allEvents(api, s.id)).toEqual(eventsBefore);

    sink.failing = null;
    // The key was not remembered with the 507: the retry runs, once.
    const retried = expectStatus(api, 201, 'POST', '/v1/sessions', { json: { title: 'keyed' }, headers: { 'idempotency-key': 'k-2' } });
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    putFile(api, s.id, 'b.txt', 'two');
    // Memory and journal agree: a restart gives the state the client sees.
    expect(exported(journaled(sink, true))).toEqual(exported(api));
  });

  it('keeps the old state when a reset, an import or a clock change cannot be stored', () => {
    const sink = new MemorySink();
    const api = journaled(sink, false);
    createSession(api, { 'a.txt': 'one' });
    const before = exported(api);
    const clockBefore = api.core.clock.status();
    sink.failing = 'EROFS: read-only file system';
    expect(api.core.reset()).toEqual({ ok: false, message: 'EROFS: read-only file system' });
    expect(api.core.importState({ ...TEST_SCENARIO, steps: [] })).toMatchObject({ ok: false, code: 'storage-failed' });
    expect(exported(api)).toEqual(before);
    const refused = api.core.changeClock(applied((clock) => clock.advance(60_000)));
    expect({ status: refused.status, code: refused.problemCode }).toEqual({ status: 507, code: 'storage-failed' });
    expect(String(refused.body)).toContain('EROFS: read-only file system');
    expect(api.core.clock.status()).toEqual(clockBefore);
    sink.failing = null;
    expect(api.core.reset().ok).toBe(true);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items).toEqual([]);
    expect(exported(journaled(sink, true))).toEqual(exported(api));
  });

  it('refuses a journal that does not replay, naming the change', () => {
    const sink = new MemorySink();
    const api = journaled(sink, false);
    createSession(api);
    // A journal whose base lost its principals: the change's token is unknown on replay.
    const frames = sink.frames();
    const base = JSON.parse(new TextDecoder().decode(frames[0]?.payload)) as Record<string, unknown>;
    const stranger = { ...base, principals: [{ token: 'x', principalId: 'usr_x', tenantId: 'acme' }], defaultToken: 'x' };
    const restored = [{ kind: 'base' as const, payload: new TextEncoder().encode(JSON.stringify(stranger)) }, ...frames.slice(1)];
    expect(() => createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, checkScenario: scenarioProblems, journal: { sink: new MemorySink(), restored } })).toThrow(
      /journal cannot be replayed: journal: change 1 \(POST \/v1\/sessions\) answered 401 on replay, 201 when it was made/,
    );
  });
});
