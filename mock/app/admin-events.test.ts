// GET /__admin/events: every session's events as they happen, for the admin UI; it ends when a
// reset replaces the state, and a dropped stream releases its subscription.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { createMockCore } from '../core/mock-core.js';
import { checked, TEST_SCENARIO } from '../test-support/checked-core.js';
import { createSession, putFile } from '../test-support/session-steps.js';
import { handleAdmin, type AdminState } from './admin-routes.js';
import { NO_FAULTS } from './faults.js';
import { RequestLog } from './request-log.js';

const contract = loadContract();

function setup() {
  const core = createMockCore({ contract, scenario: TEST_SCENARIO });
  const state: AdminState = { faults: NO_FAULTS, log: new RequestLog() };
  const admin = (method: string) => handleAdmin(core, state, { method, url: '/__admin/events', headers: {} }, contract);
  return { core, api: checked(core), admin };
}

describe('GET /__admin/events', () => {
  it("streams every session's events, unnamed, with ids, from the moment it opens", () => {
    const { core, api, admin } = setup();
    const before = createSession(api, {}, { title: 'before' });
    const response = admin('GET');
    expect(response).toMatchObject({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
    const chunks: string[] = [];
    let ended = false;
    const close = response.stream?.open({ write: (c) => chunks.push(c), end: () => (ended = true) });
    putFile(api, before.id, 'a.txt', 'one');
    const other = createSession(api, {}, { title: 'other' }, 't-other');
    const events = chunks.filter((c) => c.startsWith('id: ')).map((c) => JSON.parse(c.split('data: ')[1] ?? '') as { type: string; sessionId: string });
    expect(events.map((e) => [e.type, e.sessionId])).toEqual([['file.written', before.id], ['session.created', other.id]]);
    expect(chunks.some((c) => c.includes('event:'))).toBe(false);
    expect(core.eventSubscribers()).toBe(1);
    close?.();
    expect(core.eventSubscribers()).toBe(0);
    expect(ended).toBe(false);
  });

  it('ends when a reset replaces the state, and answers HEAD with the headers only', () => {
    const { core, admin } = setup();
    let ended = false;
    admin('GET').stream?.open({ write: () => undefined, end: () => (ended = true) });
    core.reset();
    expect(ended).toBe(true);
    const head = admin('HEAD');
    expect([head.status, head.stream, head.headers['content-type']]).toEqual([200, undefined, 'text/event-stream']);
  });
});
