/** The oracle shares no code with what it checks: shipped conformance code never imports mock/. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

function shipped(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : shipped(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('no shipped conformance file imports mock/', () => {
  const offenders = shipped('conformance').filter((file) => /from\s+['"][^'"]*\/mock\//.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});
