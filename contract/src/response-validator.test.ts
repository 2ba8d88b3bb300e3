import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.js';

const contract = loadContract();
const getSession = contract.operation('getSession');
const session = {
  id: 'ses_1', title: 't', purpose: 'disposable', status: 'active', tags: [], ownerId: 'usr_a', tenantId: 'acme',
  parentSessionId: null, revision: 'rev_1', hasUncommittedChanges: false, version: 1,
  createdAt: '2026-11-02T09:00:00Z', updatedAt: '2026-11-02T09:00:00Z', metadata: {}, access: [],
  forkedFromCheckpointId: null, baseRevision: null, committedRevision: null, mergedIntoSessionId: null,
};
const json = { 'content-type': 'application/json', etag: '"1"' };

describe('ResponseValidator', () => {
  it('passes a documented response', () => {
    expect(contract.responses.check(getSession, { status: 200, headers: json, body: session })).toEqual([]);
  });

  it('flags an undocumented status', () => {
    expect(contract.responses.check(getSession, { status: 500, headers: {}, body: undefined })[0]?.kind).toBe('undocumented-status');
  });

  it('flags a missing or malformed required header', () => {
    expect(contract.responses.check(getSession, { status: 200, headers: { 'content-type': 'application/json' }, body: session }).map((v) => v.kind)).toEqual(['missing-header']);
    expect(contract.responses.check(getSession, { status: 200, headers: { ...json, etag: 'W/"1"' }, body: session }).map((v) => v.kind)).toEqual(['invalid-header']);
  });

  it('flags a wrong content type and an off-schema body', () => {
    expect(contract.responses.check(getSession, { status: 200, headers: { ...json, 'content-type': 'text/plain' }, body: 'x' })[0]?.kind).toBe('undocumented-content-type');
    const summaryOnly = { ...session, metadata: undefined, extra: true };
    const kinds = contract.responses.check(getSession, { status: 200, headers: json, body: summaryOnly }).map((v) => v.kind);
    expect(kinds).toContain('invalid-body');
  });

  it('checks problem bodies, including the merge-conflict variant', () => {
    const merge = contract.operation('mergeSession');
    const problem = { type: 'urn:session-api:problem:merge-conflict', title: 'Merge conflict', status: 409, code: 'merge-conflict' };
    const headers = { 'content-type': 'application/problem+json' };
    expect(contract.responses.check(merge, { status: 409, headers, body: problem }).map((v) => v.kind)).toContain('invalid-body');
    expect(contract.responses.check(merge, { status: 409, headers, body: { ...problem, conflicts: [{ path: 'a', reason: 'both-changed' }] } })).toEqual([]);
  });

  it('flags a body sent where none is documented', () => {
    const del = contract.operation('deleteSession');
    expect(contract.responses.check(del, { status: 204, headers: {}, body: undefined })).toEqual([]);
    expect(contract.responses.check(del, { status: 204, headers: { 'content-type': 'application/json' }, body: { a: 1 } })[0]?.kind).toBe('undocumented-content-type');
  });
});
