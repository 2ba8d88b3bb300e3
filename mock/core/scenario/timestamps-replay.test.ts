// An export replays annotations, approvals and cache entries with their ids and their timestamps,
// so cache expiry survives an export/import (contract §13; the scenario's `at` and `exportedAt`).
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../contract/index.js';
import { scenarioProblems } from '../../fixtures/load-scenario-dir.js';
import { checked, TEST_SCENARIO } from '../../test-support/checked-core.js';
import { ROLES, teamSession } from '../../test-support/review-steps.js';
import { expectStatus } from '../../test-support/session-steps.js';
import { createMockCore } from '../mock-core.js';

const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** A core whose real clock stands still at START, so only the admin controls move it. */
function standingCore() {
  return checked(createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, now: () => START, checkScenario: scenarioProblems }));
}

describe('export and import of review and cache state', () => {
  it('replays every surface with the same ids and timestamps; expired stays expired, the rest keeps its time left', () => {
    const source = standingCore();
    const s = teamSession(source);
    const note = expectStatus(source, 201, 'POST', `/v1/sessions/${s.id}/annotations`, { token: ROLES.viewer, json: { body: 'n', path: 'src/app.ts', range: { startLine: 1, endLine: 1 } } }).json;
    const approval = expectStatus(source, 201, 'POST', `/v1/sessions/${s.id}/approvals`, { token: ROLES.viewer, json: { decision: 'approved' } }).json;
    expectStatus(source, 201, 'PUT', `/v1/sessions/${s.id}/cache/short`, { json: { value: 1, ttlSeconds: 60 } });
    expectStatus(source, 201, 'PUT', `/v1/sessions/${s.id}/cache/forever`, { json: { value: 2 } });
    source.core.clock.advance(120_000);
    const ten = expectStatus(source, 201, 'PUT', `/v1/sessions/${s.id}/cache/ten`, { json: { value: 3, ttlSeconds: 1200 } }).json;
    source.core.clock.advance(600_000);
    const resolved = expectStatus(source, 200, 'PATCH', `/v1/sessions/${s.id}/annotations/${note.id}`, { json: { status: 'resolved' } }).json;
    source.core.clock.advance(5_000);
    const exported = source.core.exportState();
    expect(exported.exportedAt).toBe(iso(START + 725_000));

    // Another core whose real clock reads earlier than the export: it resumes at the export's reading.
    const target = standingCore();
    expect(target.core.importState(JSON.parse(JSON.stringify(exported)))).toEqual({ ok: true });
    expect(target.core.clock.status().now).toBe(iso(START + 725_000));
    expect(expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/annotations/${note.id}`).json).toEqual(resolved);
    expect(resolved.updatedAt).toBe(iso(START + 720_000));
    expect(expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/approvals/${approval.id}`).json).toEqual(approval);
    expect(target.send('GET', `/v1/sessions/${s.id}/cache/short`).json.code).toBe('cache-entry-not-found');
    expect(expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/cache/ten`).json).toEqual(ten);
    expect(expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/cache`).json.items.map((e: { key: string }) => e.key)).toEqual(['forever', 'ten']);
    target.core.clock.advance(594_999);
    expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/cache/ten`);
    target.core.clock.advance(1);
    expect(target.send('GET', `/v1/sessions/${s.id}/cache/ten`).json.code).toBe('cache-entry-not-found');
  });

  it('replays a POST retried with its Idempotency-Key after an import, without acting again', () => {
    const source = standingCore();
    const s = teamSession(source);
    const request = { json: { body: 'once' }, headers: { 'idempotency-key': 'note-1' } };
    const first = expectStatus(source, 201, 'POST', `/v1/sessions/${s.id}/annotations`, request).json;
    expect(source.send('POST', `/v1/sessions/${s.id}/annotations`, request).headers['idempotent-replayed']).toBe('true');
    const target = standingCore();
    expect(target.core.importState(source.core.exportState())).toEqual({ ok: true });
    const retried = expectStatus(target, 201, 'POST', `/v1/sessions/${s.id}/annotations`, request);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json).toEqual(first);
    expect(expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}/annotations`).json.items).toHaveLength(1);
  });

  it('refuses a step whose at names no instant, and keeps the state', () => {
    const target = standingCore();
    const s = teamSession(target);
    const bad = { ...TEST_SCENARIO, steps: [{ method: 'POST', path: '/v1/sessions', json: { title: 't' }, at: 1.5 }] };
    const refused = target.core.importState(bad);
    expect(refused.ok).toBe(false);
    const late = { ...TEST_SCENARIO, steps: [{ method: 'POST', path: '/v1/sessions', json: { title: 't' }, at: '2026-12-01T09:00:00' }] };
    expect(target.core.importState(late).ok).toBe(false);
    expectStatus(target, 200, 'GET', `/v1/sessions/${s.id}`);
  });
});
