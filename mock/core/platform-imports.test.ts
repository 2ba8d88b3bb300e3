/**
 * The core maps a request to a response and must run in browsers and workers too: the only
 * platform import it may hold is the hashing seam (`domain/sha256.ts`), which a browser adapter
 * replaces. Anything else Node-specific belongs in an adapter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('.', import.meta.url));
const SEAM = join('domain', 'sha256.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('mock/core platform imports', () => {
  it('imports node: modules only in the hashing seam', () => {
    const offenders = sources(CORE)
      .filter((file) => relative(CORE, file) !== SEAM)
      .filter((file) => /from\s+['"]node:|import\(\s*['"]node:/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(CORE, file));
    expect(offenders).toEqual([]);
  });
});
