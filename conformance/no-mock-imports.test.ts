/**
 * The oracle shares no code with what it checks: no conformance file, tests and test support
 * included, imports mock/. Tests start the built mock as a separate process instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const MOCK_IMPORT = /(?:from|import)\s*\(?\s*['"][^'"]*(?:^|\/)mock(?:\/|['"])/;

test('the pattern recognises an import of mock code', () => {
  // Built from parts so that this file itself holds no import line of mock code.
  const mockDir = ['..', '..', 'mock'].join('/');
  expect(MOCK_IMPORT.test(`import { createMockServer } from '${mockDir}/server/create-mock-server.js';`)).toBe(true);
  expect(MOCK_IMPORT.test(`const m = await import('${mockDir}/index.js');`)).toBe(true);
  expect(MOCK_IMPORT.test("import { spawnMock } from '../cli/spawn-mock.js';")).toBe(false);
});

test('no conformance file imports mock/', () => {
  const offenders = sources('conformance').filter((file) => MOCK_IMPORT.test(readFileSync(file, 'utf8')));
  expect(sources('conformance').length).toBeGreaterThan(50);
  expect(offenders).toEqual([]);
});
