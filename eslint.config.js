// Type-aware lint: promise safety (no-floating-promises, no-misused-promises) is the point.
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
    // The oracle must not share code with what it checks: conformance reaches the mock only over HTTP.
    files: ['conformance/**/*.ts'],
    ignores: ['conformance/**/*.test.ts', 'conformance/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/mock', '**/mock/**'], message: 'conformance/ must not import mock/: talk to it over HTTP.' }] }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
