/**
 * The client runs in browsers and workers: nothing `client/index.ts` reaches may import a `node:`
 * module or the mock (tests and test-support may; they are not part of the entry's graph).
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every module reachable from `entry` through relative value imports, with its bare imports. */
function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    // `import type` and `export type` are erased: only value imports reach the runtime.
    const specifiers = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
    seen.set(file, specifiers.filter((s) => !s.startsWith('.')));
    for (const s of specifiers.filter((s) => s.startsWith('.'))) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('client platform imports', () => {
  it('reaches only fetch-platform code from client/index.ts: no node: modules, no mock/', () => {
    const modules = graph(resolve(ROOT, 'client/index.ts'));
    const files = [...modules.keys()].map((f) => relative(ROOT, f));
    expect(files).toContain('client/event-stream.ts');
    expect(files.filter((f) => !f.startsWith('client/') && f !== 'contract/src/error-codes.ts')).toEqual([]);
    const bare = [...new Set([...modules.values()].flat())].sort();
    expect(bare).toEqual(['openapi-fetch']);
  });
});
