/**
 * Test-only: the mock for end-to-end tests, started from the build (`dist/mock/cli.js`, which
 * `npm test` builds first) as a separate process. Even the suite's tests reach the mock over HTTP
 * only: no conformance file imports mock code.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnMock } from '../cli/spawn-mock.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running mock; `close` when done. */
export interface TestMock {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the built mock on a free port with the demo fixtures (or the given fixture directory). */
export async function startMock(fixtures = join(ROOT, 'fixtures', 'demo')): Promise<TestMock> {
  const mock = await spawnMock({ cli: join(ROOT, 'dist', 'mock', 'cli.js'), fixtures });
  return { url: mock.url, close: () => mock.stop() };
}

/** The demo tokens. */
export const DEMO_TOKENS = { owner: 'demo-bea', viewer: 'demo-cleo', otherTenant: 'demo-finn' } as const;
