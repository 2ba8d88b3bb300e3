import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['client/**/*.test.ts', 'contract/**/*.test.ts', 'mock/**/*.test.ts', 'conformance/**/*.test.ts', 'fixtures/**/*.test.ts', 'bench/**/*.test.ts', 'browser/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
