/**
 * The core maps a request to a response and must run unchanged in browsers, workers and Node
 * (issue #14 §1): no platform import in it, nor in what it reaches (the contract's portable entry
 * and the npm packages under both). File systems, sockets and node:crypto are adapters' jobs; an
 * adapter that has a faster sha256 injects it (`MockCoreOptions.sha256`). ESLint says the same
 * per file (`no-restricted-imports` in eslint.config.js); this test checks the whole graph.
 * It needs Node itself (esbuild, a fresh `node:vm` realm), so it lives outside mock/core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build, type BuildOptions, type BuildResult } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORE = join(ROOT, 'mock', 'core');
/** The core's entry, the contract with its document built in, and the MSW entry over them: what a browser bundles. */
const ENTRIES = ['mock/core/mock-core.ts', 'contract/portable.ts', 'contract/bundled-contract.ts', 'mock/msw/index.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Bundles for the browser, externalising nothing: a Node builtin anywhere in the graph fails the build. */
async function bundleForBrowser(options: BuildOptions): Promise<{ errors: string[]; result?: BuildResult }> {
  try {
    const result = await build({ absWorkingDir: ROOT, bundle: true, write: false, platform: 'browser', format: 'esm', outdir: 'out', logLevel: 'silent', ...options });
    return { errors: [], result };
  } catch (error) {
    const failure = error as { errors?: { text: string }[] };
    if (!failure.errors) throw error;
    return { errors: failure.errors.map((e) => e.text) };
  }
}

describe('mock/core platform imports', () => {
  it('no core source imports a node: module', () => {
    const offenders = sources(CORE)
      .filter((file) => /from\s+['"]node:|import\s*\(?\s*['"]node:/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(CORE, file));
    expect(offenders).toEqual([]);
  });

  it('the core and the portable contract bundle for the browser with nothing left out', async () => {
    const { errors, result } = await bundleForBrowser({ entryPoints: ENTRIES, metafile: true });
    expect(errors).toEqual([]);
    const inputs = Object.keys(result?.metafile?.inputs ?? {});
    expect(inputs).toContain('mock/core/mock-core.ts');
    expect(inputs.filter((path) => path.startsWith('contract/src/load-document'))).toEqual([]);
  });

  it('the bundle detects a Node import anywhere in the graph', async () => {
    // What the check above would see if a core file imported node:fs (tried by hand in the file too).
    const { errors } = await bundleForBrowser({
      stdin: { contents: "import 'node:fs';\nexport * from './mock/core/mock-core.ts';", resolveDir: ROOT, loader: 'ts' },
    });
    expect(errors.join('\n')).toMatch(/node:fs/);
  });

  it('the bundled core answers requests in a realm with no Node globals', async () => {
    const entry = [
      "import { createMockCore } from './mock/core/mock-core.ts';",
      "import { bundledContract } from './contract/bundled-contract.ts';",
      'const core = createMockCore({ contract: bundledContract(), scenario: null, auth: false });',
      "const json = { 'content-type': 'application/json' };",
      "const created = core.handle({ method: 'POST', url: '/v1/sessions', headers: json, body: new TextEncoder().encode('{}') });",
      'const id = JSON.parse(created.body).id;',
      "const written = core.handle({ method: 'PUT', url: `/v1/sessions/${id}/files/abc.txt`, headers: { 'content-type': 'application/octet-stream' }, body: new TextEncoder().encode('abc') });",
      'globalThis.answers = [created.status, written.status, written.headers.etag];',
    ].join('\n');
    const { errors, result } = await bundleForBrowser({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, format: 'iife' });
    expect(errors).toEqual([]);
    const code = result?.outputFiles?.[0]?.text ?? '';
    // Only what browsers and workers have too; no process, Buffer or require.
    const realm: Record<string, unknown> = { TextEncoder, TextDecoder, URL, URLSearchParams, console };
    runInNewContext(code, realm);
    expect(realm['answers']).toEqual([201, 201, '"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"']);
  });
});
