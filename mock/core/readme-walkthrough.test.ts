// README.md's walkthrough, step by step, with the answers the README shows.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { loadScenarioDir } from '../fixtures/load-scenario-dir.js';
import { checked } from '../test-support/checked-core.js';
import { expectStatus } from '../test-support/session-steps.js';
import { createMockCore } from './mock-core.js';

describe('README walkthrough on the demo fixtures', () => {
  it('creates, writes, forks, conflicts, resolves with theirs and commits exactly the summary', () => {
    const api = checked(createMockCore({ contract: loadContract(), scenario: loadScenarioDir() }), 'demo-bea');
    const s = expectStatus(api, 201, 'POST', '/v1/sessions', { json: { title: 'Walkthrough', files: [{ path: 'src/app.ts', content: 'export const v = 1;\n' }] } }).json.id as string;
    expectStatus(api, 201, 'PUT', `/v1/sessions/${s}/files/README.md`, { body: '# App', headers: { 'content-type': 'text/plain' } });
    const f = expectStatus(api, 201, 'POST', `/v1/sessions/${s}/fork`, { json: { title: 'Proposal' } }).json.id as string;
    expectStatus(api, 200, 'PUT', `/v1/sessions/${s}/files/src%2Fapp.ts`, { body: 'export const v = 2;', headers: { 'content-type': 'text/plain' } });
    expectStatus(api, 200, 'PUT', `/v1/sessions/${f}/files/src%2Fapp.ts`, { body: 'export const v = 3;', headers: { 'content-type': 'text/plain' } });
    expectStatus(api, 201, 'POST', `/v1/sessions/${f}/checkpoints`, { json: { label: 'v3' } });
    const conflict = api.send('POST', `/v1/sessions/${s}:merge`, { json: { sourceSessionId: f } }).json;
    expect({ status: conflict.status, code: conflict.code, conflicts: conflict.conflicts }).toEqual({ status: 409, code: 'merge-conflict', conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }] });
    const resolved = expectStatus(api, 200, 'POST', `/v1/sessions/${s}:merge`, { json: { sourceSessionId: f, strategy: 'theirs', retireSource: true } }).json;
    expect({ fastForward: resolved.fastForward, applied: resolved.applied, resolved: resolved.resolved }).toEqual({ fastForward: false, applied: [{ path: 'src/app.ts', change: 'modified' }], resolved: ['src/app.ts'] });
    const summary = expectStatus(api, 200, 'POST', `/v1/sessions/${s}/generateCommitSummary`).json;
    expect(summary.changes).toEqual([{ path: 'README.md', change: 'added' }, { path: 'src/app.ts', change: 'added' }]);
    const commit = expectStatus(api, 201, 'POST', `/v1/sessions/${s}/commit`, { json: { message: 'Walkthrough', expectedRevision: summary.revision } }).json;
    expect(commit).toMatchObject({ revision: summary.revision, changes: summary.changes });
  });
});
