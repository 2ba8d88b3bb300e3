// Idempotency keys live 24 hours of the mock's clock from their first use, then expire
// (contract §11 "Retention"), and an export/import keeps each key's first-use instant.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { checked, TEST_SCENARIO } from '../test-support/checked-core.js';
import { expectStatus } from '../test-support/session-steps.js';
import type { IdempotencyTable } from './http/idempotency-table.js';
import { createMockCore } from './mock-core.js';

const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A core whose real clock stands at START (only `core.clock` moves it), with its current table readable. */
function standingCore() {
  const seen: { table?: IdempotencyTable } = {};
  const api = checked(
    createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, now: () => START, checkScenario: scenarioProblems, inspect: (_store, table) => (seen.table = table) }),
  );
  return { api, keys: () => seen.table?.size };
}

const keyed = (title: string, key = 'k-1') => ({ json: { title }, headers: { 'idempotency-key': key } });

describe('idempotency key retention', () => {
  it('replays a retry at 23h59m and runs one at 24h + 1 ms as a new request', () => {
    const { api } = standingCore();
    const first = expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once'));
    api.core.clock.advance(DAY - 60_000);
    const retry = expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once'));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);
    api.core.clock.advance(60_001);
    const late = expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once'));
    expect(late.headers['idempotent-replayed']).toBeUndefined();
    expect(late.json.id).not.toBe(first.json.id);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items).toHaveLength(2);
  });

  it('counts the 24 hours from the first use: a replay does not extend them', () => {
    const { api } = standingCore();
    const first = expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once'));
    api.core.clock.advance(DAY);
    expect(expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once')).json.id).toBe(first.json.id);
    api.core.clock.advance(1);
    expect(expectStatus(api, 201, 'POST', '/v1/sessions', keyed('once')).json.id).not.toBe(first.json.id);
  });

  it('accepts an expired key with another body as a new request, not 422', () => {
    const { api } = standingCore();
    expectStatus(api, 201, 'POST', '/v1/sessions', keyed('first'));
    expect(api.send('POST', '/v1/sessions', keyed('second')).json.code).toBe('idempotency-key-reused');
    api.core.clock.advance(DAY + 1);
    const reused = expectStatus(api, 201, 'POST', '/v1/sessions', keyed('second'));
    expect(reused.json.title).toBe('second');
    // From now on the key belongs to the second request.
    expect(api.send('POST', '/v1/sessions', keyed('first')).json.code).toBe('idempotency-key-reused');
  });

  it('forgets expired keys, so the table shrinks; a setting back of the clock is refused and expires nothing', () => {
    const { api, keys } = standingCore();
    for (let i = 0; i < 20; i += 1) expectStatus(api, 201, 'POST', '/v1/sessions', keyed('t', `old-${i}`));
    api.core.clock.advance(12 * HOUR);
    expectStatus(api, 201, 'POST', '/v1/sessions', keyed('t', 'young'));
    expect(api.core.clock.set(START)).toEqual({ ok: false, nowMs: START + 12 * HOUR });
    expect(keys()).toBe(21);
    api.core.clock.advance(12 * HOUR + 1);
    expectStatus(api, 201, 'POST', '/v1/sessions', keyed('t', 'new'));
    expect(keys()).toBe(2);
    expect(api.send('POST', '/v1/sessions', keyed('t', 'young')).headers['idempotent-replayed']).toBe('true');
  });

  it('keeps each key\'s first-use instant through export and import', () => {
    const { api: source } = standingCore();
    const first = expectStatus(source, 201, 'POST', '/v1/sessions', keyed('once'));
    expectStatus(source, 201, 'POST', '/v1/sessions', keyed('a', 'k-2'));
    source.core.clock.advance(DAY + 1);
    // k-2 expired in the source and was reused with another body: the replay must accept that too.
    expectStatus(source, 201, 'POST', '/v1/sessions', keyed('b', 'k-2'));
    const exported = JSON.parse(JSON.stringify(source.core.exportState()));
    // At the export's reading k-1 is expired and k-2 holds its second use: so after the import.
    const { api: target, keys } = standingCore();
    expect(target.core.importState(exported)).toEqual({ ok: true });
    expect(target.core.clock.nowMs()).toBe(START + DAY + 1);
    expect(expectStatus(target, 201, 'POST', '/v1/sessions', keyed('once')).json.id).not.toBe(first.json.id);
    expect(target.send('POST', '/v1/sessions', keyed('b', 'k-2')).headers['idempotent-replayed']).toBe('true');
    expect(keys()).toBe(2);
  });

  it('replays after an import within the window and forgets at 24 h + 1 ms of the original first use', () => {
    const { api: source } = standingCore();
    const first = expectStatus(source, 201, 'POST', '/v1/sessions', keyed('once'));
    source.core.clock.advance(23 * HOUR);
    const { api: target } = standingCore();
    expect(target.core.importState(JSON.parse(JSON.stringify(source.core.exportState())))).toEqual({ ok: true });
    target.core.clock.advance(59 * 60_000);
    const retry = expectStatus(target, 201, 'POST', '/v1/sessions', keyed('once'));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);
    target.core.clock.advance(60_001);
    expect(expectStatus(target, 201, 'POST', '/v1/sessions', keyed('once')).json.id).not.toBe(first.json.id);
  });
});
