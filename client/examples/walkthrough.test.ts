// README "Walkthrough" with the typed client, against a real mock over HTTP, every answer contract-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/server/create-mock-server.js';
import { createSessionClient } from '../index.js';
import { checkedFetch } from '../test-support/checked-fetch.js';
import { runWalkthrough } from './walkthrough.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('README walkthrough with the typed client', () => {
  it('creates, writes, forks, conflicts, resolves with theirs and commits exactly the summary', async () => {
    const checked = checkedFetch();
    const client = createSessionClient({ baseUrl: server.url, token: 'demo-bea', fetch: checked.fetch });
    const outcome = await runWalkthrough(client);

    expect(outcome.checkpointLabel).toBe('v3');
    expect(outcome.conflict).toEqual({ status: 409, code: 'merge-conflict', conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }] });
    expect(outcome.resolved).toEqual({ fastForward: false, applied: [{ path: 'src/app.ts', change: 'modified' }], resolved: ['src/app.ts'] });
    expect(outcome.summaryChanges).toEqual([{ path: 'README.md', change: 'added' }, { path: 'src/app.ts', change: 'added' }]);
    expect(outcome.commit).toMatchObject({ revision: outcome.summaryRevision, changes: outcome.summaryChanges });

    // What went over the wire: the file path as one segment, the colon of :merge as is, a key on every POST.
    const urls = checked.sent.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain(`PUT /v1/sessions/${outcome.sessionId}/files/src%2Fapp.ts`);
    expect(urls.filter((u) => u === `POST /v1/sessions/${outcome.sessionId}:merge`)).toHaveLength(2);
    for (const post of checked.sent.filter((r) => r.method === 'POST')) expect(post.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(checked.violations).toEqual([]);

    // The state the walkthrough leaves: committed at the summary's revision, the fork retired into it.
    const { data: session, etag } = await client.call('getSession', { params: { path: { sessionId: outcome.sessionId } } });
    expect(session).toMatchObject({ committedRevision: outcome.summaryRevision, hasUncommittedChanges: false });
    expect(etag).toMatch(/^"/);
    const { data: fork } = await client.call('getSession', { params: { path: { sessionId: outcome.forkId } } });
    expect(fork).toMatchObject({ status: 'merged', mergedIntoSessionId: outcome.sessionId });
    const { data: file } = await client.call('getFile', { params: { path: { sessionId: outcome.sessionId, filePath: 'src/app.ts' } } });
    expect(file).toBe('export const v = 3;');
  });
});
