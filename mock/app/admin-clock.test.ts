// The admin clock: one clock for every timestamp and TTL, frozen, set and advanced, never backwards.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import type { MockResponse } from '../core/http/messages.js';
import { createMockCore } from '../core/mock-core.js';
import { checked, TEST_SCENARIO } from '../test-support/checked-core.js';
import { createSession, expectStatus } from '../test-support/session-steps.js';
import { handleAdmin, type AdminState } from './admin-routes.js';
import { NO_FAULTS } from './faults.js';
import { RequestLog } from './request-log.js';

const contract = loadContract();
const START = Date.UTC(2026, 11, 1, 9, 0, 0);

function setup() {
  let real = START;
  const core = createMockCore({ contract, scenario: TEST_SCENARIO, now: () => real });
  const state: AdminState = { faults: NO_FAULTS, log: new RequestLog() };
  const admin = (method: string, url: string, body?: unknown) => {
    const bytes = body === undefined ? undefined : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
    const response: MockResponse = handleAdmin(core, state, { method, url, headers: {}, body: bytes }, contract);
    return { ...response, json: typeof response.body === 'string' ? JSON.parse(response.body) : undefined };
  };
  return { core, api: checked(core), admin, tick: (ms: number) => (real += ms) };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('/__admin/clock', () => {
  it('reads the real clock until told otherwise', () => {
    const { admin, tick } = setup();
    expect(admin('GET', '/__admin/clock').json).toEqual({ now: iso(START), frozen: false, offsetMs: 0 });
    tick(1500);
    expect(admin('GET', '/__admin/clock').json.now).toBe(iso(START + 1500));
  });

  it('frozen, stamps every change with one instant and still lists ties in creation order', () => {
    const { api, admin, tick } = setup();
    expect(admin('PUT', '/__admin/clock', { freeze: true }).json).toMatchObject({ now: iso(START), frozen: true });
    const a = createSession(api, {}, { title: 'a' });
    tick(60_000);
    const b = createSession(api, {}, { title: 'b' });
    expect([a.createdAt, b.createdAt, b.updatedAt]).toEqual([iso(START), iso(START), iso(START)]);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions').json.items.map((s: { title: string }) => s.title)).toEqual(['b', 'a']);
    // Unfrozen, it runs on from the frozen instant rather than jumping to the real time.
    expect(admin('PUT', '/__admin/clock', { freeze: false }).json).toEqual({ now: iso(START), frozen: false, offsetMs: -60_000 });
  });

  it('sets and advances forward, frozen or running', () => {
    const { api, admin } = setup();
    expect(admin('PUT', '/__admin/clock', { advanceSeconds: 90 }).json).toEqual({ now: iso(START + 90_000), frozen: false, offsetMs: 90_000 });
    expect(admin('PUT', '/__admin/clock', { advanceMs: 5 }).json.now).toBe(iso(START + 90_005));
    expect(admin('PUT', '/__admin/clock', { set: '2027-01-01T00:00:00+01:00' }).json.now).toBe('2026-12-31T23:00:00.000Z');
    expect(createSession(api).createdAt).toBe('2026-12-31T23:00:00.000Z');
  });

  it('refuses to go back with 409 clock-backwards, saying the current reading, and changes nothing', () => {
    const { admin } = setup();
    admin('PUT', '/__admin/clock', { advanceSeconds: 60 });
    const refused = admin('PUT', '/__admin/clock', { set: iso(START) });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json).toMatchObject({ code: 'clock-backwards', type: 'urn:session-api:problem:clock-backwards', now: iso(START + 60_000) });
    expect(admin('GET', '/__admin/clock').json.now).toBe(iso(START + 60_000));
  });

  it.each([
    ['not an object', [], ''],
    ['no change', {}, ''],
    ['two changes', { freeze: true, advanceSeconds: 1 }, ''],
    ['an unknown member', { advance: 1 }, '/advance'],
    ['freeze not a boolean', { freeze: 'yes' }, '/freeze'],
    ['set not an instant', { set: 'tomorrow' }, '/set'],
    ['set without a time zone', { set: '2027-01-01T00:00:00' }, '/set'],
    ['a negative advance', { advanceSeconds: -1 }, '/advanceSeconds'],
    ['a fractional advanceMs', { advanceMs: 1.5 }, '/advanceMs'],
    ['an advance over 100 years', { advanceSeconds: 3_153_600_001 }, '/advanceSeconds'],
  ])('refuses %s with 400 validation-failed and a pointer', (_, body, pointer) => {
    const { admin } = setup();
    const refused = admin('PUT', '/__admin/clock', body);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'validation-failed', errors: [{ pointer }] });
    expect(admin('GET', '/__admin/clock').json).toEqual({ now: iso(START), frozen: false, offsetMs: 0 });
  });

  it('refuses a body that is not JSON', () => {
    expect(setup().admin('PUT', '/__admin/clock', '{').json.code).toBe('malformed-json');
  });

  it('survives a reset and an import, as faults do', () => {
    const { admin } = setup();
    admin('PUT', '/__admin/clock', { advanceSeconds: 3600 });
    admin('PUT', '/__admin/clock', { freeze: true });
    expect(admin('POST', '/__admin/reset').status).toBe(204);
    expect(admin('GET', '/__admin/clock').json).toMatchObject({ now: iso(START + 3_600_000), frozen: true });
    expect(admin('PUT', '/__admin/state', admin('GET', '/__admin/state').json).status).toBe(204);
    expect(admin('GET', '/__admin/clock').json).toMatchObject({ now: iso(START + 3_600_000), frozen: true });
  });

  it('drives cache expiry with no real waiting', () => {
    const { api, admin } = setup();
    const s = createSession(api);
    expectStatus(api, 201, 'PUT', `/v1/sessions/${s.id}/cache/lint.eslint`, { json: { value: 1, ttlSeconds: 60 } });
    admin('PUT', '/__admin/clock', { advanceSeconds: 59.999 });
    expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/cache/lint.eslint`);
    admin('PUT', '/__admin/clock', { advanceMs: 1 });
    expect(expectStatus(api, 404, 'GET', `/v1/sessions/${s.id}/cache/lint.eslint`).json.code).toBe('cache-entry-not-found');
  });

  it('is listed by GET /__admin and answers HEAD', () => {
    const { admin } = setup();
    expect(Object.keys(admin('GET', '/__admin').json.endpoints)).toEqual(expect.arrayContaining(['GET /__admin/clock', 'PUT /__admin/clock']));
    expect(admin('HEAD', '/__admin/clock').status).toBe(200);
    expect(admin('DELETE', '/__admin/clock').headers.allow).toBe('GET, HEAD, PUT');
  });
});
