// README.md's walkthrough, step by step, with the answers the README shows: the core on the demo
// fixtures behind the fetch adapter, through the same script the MSW and browser tests run.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { createMockCore } from '../core/mock-core.js';
import { loadScenarioDir } from '../fixtures/load-scenario-dir.js';
import { contractViolations } from '../test-support/checked-core.js';
import { fetchWalkthrough } from '../test-support/fetch-walkthrough.js';
import { createFetchHandler } from './fetch-adapter.js';

describe('README walkthrough on the demo fixtures', () => {
  it('creates, writes, forks, conflicts, resolves with theirs, commits exactly the summary and streams the next write', async () => {
    const core = createMockCore({ contract: loadContract(), scenario: loadScenarioDir() });
    const result = await fetchWalkthrough('http://mock.test', 'demo-bea', createFetchHandler((request) => core.handle(request)));
    for (const answer of result.answers) {
      const violations = contractViolations({ method: answer.method, url: answer.path, headers: {} }, { status: answer.status, headers: answer.headers, body: new TextEncoder().encode(answer.text) });
      expect(violations, `${answer.method} ${answer.path}`).toEqual([]);
    }
    expect({ status: result.conflict.status, code: result.conflict.code, conflicts: result.conflict.conflicts }).toEqual({ status: 409, code: 'merge-conflict', conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }] });
    expect({ fastForward: result.resolved.fastForward, applied: result.resolved.applied, resolved: result.resolved.resolved }).toEqual({ fastForward: false, applied: [{ path: 'src/app.ts', change: 'modified' }], resolved: ['src/app.ts'] });
    expect(result.summary.changes).toEqual([{ path: 'README.md', change: 'added' }, { path: 'src/app.ts', change: 'added' }]);
    expect(result.commit).toMatchObject({ revision: result.summary.revision, changes: result.summary.changes });
    expect(result.liveEvent).toMatchObject({ type: 'file.written', data: { path: 'live.txt' } });
    // The walkthrough aborted its stream: the adapter released the subscription.
    await expect.poll(() => core.eventSubscribers(), { timeout: 10_000 }).toBe(0);
  });
});
