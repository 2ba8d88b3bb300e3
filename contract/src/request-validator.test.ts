import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.js';

const contract = loadContract();
const requests = contract.requests;

function params(operationId: string, query = '', headers: Record<string, string> = {}, pathParams: Record<string, string> = {}) {
  return requests.validateParameters(contract.operation(operationId), { pathParams, query: new URLSearchParams(query), headers });
}

describe('RequestValidator.validateParameters', () => {
  it('coerces query strings and applies defaults', () => {
    const result = params('listSessions', 'limit=5&tag=a');
    expect(result).toMatchObject({ ok: true, value: { query: { limit: 5, tag: ['a'] } } });
    expect(params('listSessions')).toMatchObject({ ok: true, value: { query: { limit: 50 } } });
  });

  it('reports every bad parameter with a #/<in>/<name> pointer', () => {
    const result = params('listSessions', 'limit=0&purpose=fun&lmit=3');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.pointer).sort()).toEqual(['#/query/limit', '#/query/lmit', '#/query/purpose']);
  });

  it('validates path parameters and header parameters case-insensitively', () => {
    expect(params('getSession', '', {}, { sessionId: 'ses 1' })).toMatchObject({ ok: false, issues: [{ pointer: '#/path/sessionId' }] });
    const badKey = params('createSession', '', { 'IDEMPOTENCY-KEY': '' });
    expect(badKey.ok ? [] : badKey.issues.map((i) => i.pointer)).toContain('#/header/idempotency-key');
    expect(params('createSession', '', { 'Idempotency-Key': 'k1' }).ok).toBe(true);
  });
});

describe('RequestValidator content type and body', () => {
  const create = contract.operation('createSession');

  it('accepts JSON with parameters and refuses other media types', () => {
    expect(requests.checkContentType(create, 'application/json; charset=utf-8', true)).toEqual({ kind: 'accepted', mediaType: 'application/json', json: true });
    expect(requests.checkContentType(create, 'application/x-www-form-urlencoded', true)).toMatchObject({ kind: 'unsupported', accepted: ['application/json'] });
    expect(requests.checkContentType(create, undefined, false)).toEqual({ kind: 'body-required' });
    expect(requests.checkContentType(contract.operation('forkSession'), undefined, false)).toEqual({ kind: 'no-body-expected' });
  });

  it('treats a body without Content-Type as octet-stream (file writes)', () => {
    expect(requests.checkContentType(contract.operation('putFile'), undefined, true)).toEqual({ kind: 'accepted', mediaType: 'application/octet-stream', json: false });
  });

  it('points at the offending member of a JSON body', () => {
    const issues = requests.validateJsonBody(create, 'application/json', JSON.parse('{"purpose":"fun","extra":1,"metadata":{"__proto__":1,"constructor":2}}'));
    expect(issues.map((i) => i.pointer).sort()).toEqual(['/extra', '/metadata/__proto__', '/metadata/constructor', '/purpose']);
  });

  it('accepts a valid body', () => {
    expect(requests.validateJsonBody(create, 'application/json', { title: 'x', files: [{ path: 'a/b.txt', content: 'hi' }] })).toEqual([]);
  });
});
