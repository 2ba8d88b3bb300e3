// README "Typed client" quotes quick-start.ts verbatim; the quoted code runs against the mock.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/server/create-mock-server.js';
import { quickStart } from './quick-start.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

let server: MockServer;
beforeAll(async () => { server = await createMockServer({ port: 0 }); });
afterAll(async () => { await server.close(); });

describe('README "Typed client" example', () => {
  it('is quick-start.ts between its snippet markers, verbatim', () => {
    const snippet = read('./quick-start.ts').split('// README snippet starts\n')[1]?.split('// README snippet ends\n')[0];
    expect(snippet).toMatch(/^\/\*\* .*\nexport async function quickStart\(/);
    expect(read('../../README.md')).toContain(`\`\`\`ts\nimport { createSessionClient, ifMatch, isSessionApiError, type MergeConflict } from './client/index.js';\n\n${snippet ?? ''}\`\`\`\n`);
  });

  it('runs against the mock: the conflict, every file across pages, the delete with If-Match', async () => {
    const outcome = await quickStart(server.url, 'demo-bea');
    expect(outcome).toEqual({ conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }], paths: ['src/app.ts'] });
  });
});
