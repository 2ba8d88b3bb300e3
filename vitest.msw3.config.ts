import { defineConfig } from 'vitest/config';

/**
 * The MSW handler tests again with MSW 3 (installed as the `msw3` alias; it needs Node ≥ 22.12):
 * `msw` and `msw/*` resolve to it. mock/msw/msw3.e2e.test.ts runs this under the registry's Node 22.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^msw(\/.*)?$/, replacement: 'msw3$1' }] },
  test: { include: ['mock/msw/msw-server.test.ts'] },
});
