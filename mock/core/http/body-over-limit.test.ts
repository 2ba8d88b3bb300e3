// A request whose body a transport refused to read (`bodyOverLimit`) is answered by the core in the
// documented check order: route → 401 → 400 params → 415 → 413, on every operation that takes a body.
import { describe, expect, it } from 'vitest';
import { checkedCore, contractViolations } from '../../test-support/checked-core.js';
import { createSession, expectStatus } from '../../test-support/session-steps.js';
import type { MockRequest } from './messages.js';

const LIMIT = 6 * 1024 * 1024;

describe('a request marked bodyOverLimit', () => {
  const api = checkedCore();
  const id = createSession(api).id as string;

  /** Sends through the core with the marker and no body; returns status and problem code. */
  function send(method: string, url: string, headers: Record<string, string>) {
    const request: MockRequest = { method, url, headers: { authorization: 'Bearer t-owner', ...headers }, bodyOverLimit: LIMIT };
    const response = api.core.handle(request);
    expect(contractViolations(request, response), `${method} ${url}`).toEqual([]);
    return { status: response.status, code: response.problemCode };
  }

  it('gets 413 content-too-large for a file write and a JSON body, and changes nothing', () => {
    expect(send('PUT', `/v1/sessions/${id}/files/big.bin`, { 'content-type': 'application/octet-stream' })).toEqual({ status: 413, code: 'content-too-large' });
    expect(send('POST', '/v1/sessions', { 'content-type': 'application/json' })).toEqual({ status: 413, code: 'content-too-large' });
    expectStatus(api, 404, 'GET', `/v1/sessions/${id}/files/big.bin`);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions?limit=200').json.items).toHaveLength(1);
  });

  it('is answered as usual by an operation that takes no body: whatever came along is ignored', () => {
    expect(send('GET', `/v1/sessions/${id}`, {})).toEqual({ status: 200, code: undefined });
  });

  it('gets the earlier answers first: 404 route, 401, 400 parameters, 415', () => {
    expect(send('PUT', '/v1/nowhere', {})).toMatchObject({ status: 404, code: 'route-not-found' });
    expect(send('PUT', `/v1/sessions/${id}/files/big.bin`, { authorization: 'Bearer nobody-knows' })).toMatchObject({ status: 401 });
    expect(send('PUT', `/v1/sessions/${id}/files/big.bin?lmit=1`, { 'content-type': 'application/octet-stream' })).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(send('POST', '/v1/sessions', { 'content-type': 'text/html' })).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });
});
