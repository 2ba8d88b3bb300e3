import { describe, expect, it } from 'vitest';
import { tokenReader } from '../http/bearer-token.js';
import { isRecordedChange, recordChange, toScenarioStep } from './record-step.js';

const known = tokenReader(['demo-bea']);
const utf8 = new TextEncoder();

describe('recordChange and toScenarioStep', () => {
  it('keeps the token, the replay-relevant headers and the body, and nothing else', () => {
    const change = recordChange(
      {
        method: 'PUT',
        url: '/v1/sessions/ses_1/files/a.txt',
        headers: { authorization: 'Bearer demo-bea', 'if-match': '"3"', 'content-type': 'text/plain', host: 'localhost', 'x-trace': 't' },
        body: utf8.encode('hi'),
      },
      201,
      known,
      Date.UTC(2026, 11, 1, 9, 0, 0, 5),
    );
    expect(change).toMatchObject({ token: 'demo-bea', headers: { 'if-match': '"3"' }, contentType: 'text/plain', status: 201 });
    expect(toScenarioStep(change, 'demo-ana')).toEqual({ method: 'PUT', path: '/v1/sessions/ses_1/files/a.txt', as: 'demo-bea', headers: { 'if-match': '"3"' }, base64: 'aGk=', contentType: 'text/plain', expectStatus: 201, at: '2026-12-01T09:00:00.005Z' });
  });

  it('reads tokens in other spellings, leaves out the default token, and writes JSON bodies as JSON', () => {
    const change = recordChange({ method: 'POST', url: '/v1/sessions', headers: { authorization: 'bearer   demo-ana ', 'content-type': 'application/json' }, body: utf8.encode('{"title":"t"}') }, 201, known, 0);
    expect(change.token).toBe('demo-ana');
    expect(change.headers).toBeUndefined();
    expect(toScenarioStep(change, 'demo-ana')).toEqual({ method: 'POST', path: '/v1/sessions', json: { title: 't' }, expectStatus: 201, at: '1970-01-01T00:00:00.000Z' });
  });

  it('records accepted writes only', () => {
    const post = { method: 'POST', url: '/v1/sessions', headers: {} };
    expect(isRecordedChange(post, { status: 201, headers: {} })).toBe(true);
    expect(isRecordedChange(post, { status: 409, headers: {} })).toBe(false);
    expect(isRecordedChange(post, { status: 201, headers: { 'idempotent-replayed': 'true' } })).toBe(false);
    expect(isRecordedChange({ ...post, method: 'GET' }, { status: 200, headers: {} })).toBe(false);
  });
});
