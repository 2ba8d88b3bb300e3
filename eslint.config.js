// Type-aware lint: promise safety (no-floating-promises, no-misused-promises) is the point.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'contract/generated/**', 'reports/**', 'coverage/**', 'fixtures/*/trees/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Tests read response bodies that the contract check already validated: `any` there is the
    // point, so the unsafe-any family is off in tests only. Promise-safety rules stay on everywhere.
    files: ['**/*.test.ts', '**/test-support/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The oracle must not share code with what it checks: conformance reaches the mock only over HTTP.
    // Its tests too: they start the built mock as a separate process.
    files: ['conformance/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/mock', '**/mock/**'], message: 'conformance/ must not import mock/: talk to it over HTTP.' }] }],
    },
  },
  {
    // The core and what it reaches run in browsers and workers too (issue #14 §1): no Node builtin,
    // with or without `node:`, and the contract only through its portable entry (contract/index.ts
    // reads the YAML from disk). test/core-platform.test.ts checks the whole import graph.
    files: ['mock/core/**/*.ts', 'mock/app/**/*.ts', 'mock/fetch/**/*.ts', 'mock/msw/**/*.ts', 'mock/fixtures/scenario-check.ts', 'fixtures/generated/**/*.ts', 'contract/portable.ts', 'contract/bundled-contract.ts', 'contract/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'contract/src/load-document.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.map((name) => ({ name, message: 'Platform-free code: no Node builtins; an adapter injects what it needs.' })),
        patterns: [
          { group: ['node:*'], message: 'Platform-free code: no node: imports; an adapter injects what it needs (e.g. MockCoreOptions.sha256).' },
          { group: ['**/contract/index.js', '**/load-document.js'], message: 'Platform-free code reaches the contract through contract/portable.js.' },
        ],
      }],
    },
  },
  // Spectral loads its custom functions as plain JS, outside the TypeScript project.
  { files: ['eslint.config.js', 'contract/spectral/**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The admin UI is plain browser JS served as written (mock/ui/), outside the TypeScript project.
  { files: ['mock/ui/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['mock/ui/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['document', 'window', 'globalThis', 'fetch', 'setTimeout', 'URL', 'Blob', 'TextDecoder', 'TextDecoderStream', 'CSS', 'dagre', 'AbortController', 'Headers', 'URLSearchParams', 'location', 'history', 'sessionStorage'].map((name) => [name, 'readonly'])),
    },
  },
);
