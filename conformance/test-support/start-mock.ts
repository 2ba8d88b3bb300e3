/** Test-only: the mock in-process with the demo fixtures (its tokens), for end-to-end tests. */
import { createMockServer } from '../../mock/server/create-mock-server.js';

/** A running mock; `close` when done. */
export interface TestMock {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the mock on a free port with the demo fixtures. */
export async function startMock(): Promise<TestMock> {
  const server = await createMockServer({ port: 0, fixtures: 'fixtures/demo', auth: true });
  return { url: server.url, close: () => server.close() };
}

/** The demo tokens. */
export const DEMO_TOKENS = { owner: 'demo-bea', viewer: 'demo-cleo', otherTenant: 'demo-finn' } as const;
