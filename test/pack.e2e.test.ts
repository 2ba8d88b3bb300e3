/**
 * The package as a user gets it (issue #14 §4): `npm pack`, install the tarball into an empty ESM
 * project, and there run both binaries and import every entry point from JavaScript and
 * TypeScript. Needs the npm registry (the dependencies are installed from it); without it the
 * test fails and says so.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContract } from '../contract/index.js';
import { loadScenarioDir } from '../mock/fixtures/load-scenario-dir.js';
import { ENTRY_POINTS, importScript, typeCheckFile } from './entry-points.js';
import { createProject, packInto, run, startNpx, type Packed, type Started } from './pack-project.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown>; bin: Record<string, string> };
const DEMO = ['--token', 'demo-bea', '--viewer-token', 'demo-cleo', '--other-tenant-token', 'demo-finn'];

let work: string;
let project: string;
let packed: Packed;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pack-test-'));
  project = join(work, 'project');
  await mkdir(project);
  const started = performance.now();
  packed = await packInto(ROOT, work);
  await createProject(project, packed.tarball);
  console.log(`pack test: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked; pack + install ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 300_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every file under `dir`, relative to ROOT with `/`. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

describe('the packed tarball', () => {
  test('ships the build, the contract and the demo fixtures, and no tests, test support, benches, browser tests or source maps', async () => {
    const files = new Set(packed.files);
    const targets = [...Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t as Record<string, string>))), ...Object.values(manifest.bin)];
    const needed = ['contract/openapi.yaml', 'fixtures/scenario.schema.json', 'mock/ui/index.html', 'dist/contract/generated/openapi.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE', ...(await filesUnder('fixtures/demo')), ...targets.map((t) => t.replace(/^\.\//, ''))];
    expect(needed.filter((f) => !files.has(f))).toEqual([]);
    const unwanted = packed.files.filter((f) => /\.test\.|test-support\/|^dist\/(bench|browser)\/|^dist\/contract\/checks\/|\.map$/.test(f) || (/\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('fixtures/')));
    expect(unwanted).toEqual([]);
    expect(packed.files.length, 'the file count grew a lot: is something shipped that users do not need?').toBeLessThan(600);
  });

  test('the table of entry points is exactly package.json\'s exports', () => {
    expect(ENTRY_POINTS.map((e) => e.subpath)).toEqual(Object.keys(manifest.exports));
  });
});

describe('installed into an empty project', () => {
  test('every entry point imports from ESM with its listed values', async () => {
    await writeFile(join(project, 'imports.mjs'), importScript(manifest.name, ENTRY_POINTS));
    const ran = await run(process.execPath, ['imports.mjs'], project);
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toEqual({});
  });

  test('the installed package finds its own contract and demo fixtures, identical to the checkout\'s', async () => {
    const probe = "import { loadContract, loadScenarioDir } from 'session-api-toolkit';\nconsole.log(JSON.stringify({ sha256: loadContract().sha256, scenario: loadScenarioDir() }));\n";
    await writeFile(join(project, 'probe.mjs'), probe);
    const ran = await run(process.execPath, ['probe.mjs'], project);
    expect(ran.stderr).toBe('');
    const found = JSON.parse(ran.stdout) as { sha256: string; scenario: unknown };
    expect(found.sha256).toBe(loadContract().sha256);
    expect(found.scenario).toEqual(JSON.parse(JSON.stringify(loadScenarioDir())));
  });

  test('a TypeScript file importing every entry point type-checks with NodeNext resolution, no entry typed any', async () => {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, resolveJsonModule: true,
        // The package's own declarations are checked too: a broken one is the user's error.
        skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      include: ['check.ts'],
    };
    // One deliberate mistake on the last line: its error, and only it, shows that tsc did check
    // the file against real declarations (an `any` would accept it, a missing file report nothing).
    const canary = `await e${ENTRY_POINTS.findIndex((e) => e.subpath === '.')}.createMockServer({ port: 'not a number' });`;
    const source = typeCheckFile(manifest.name, ENTRY_POINTS) + canary + '\n';
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    await writeFile(join(project, 'check.ts'), source);
    const ran = await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
    const errors = (ran.stdout + ran.stderr).split('\n').filter((line) => / error TS\d+/.test(line));
    const canaryLine = source.split('\n').indexOf(canary) + 1;
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^check\\.ts\\(${canaryLine},\\d+\\): error TS2322: Type 'string' is not assignable to type 'number'`))]);
  }, 90_000);

  describe('npx session-mock --port 0', () => {
    let mock: Started;
    beforeAll(async () => {
      mock = await startNpx(project, ['session-mock', '--port', '0', '--stop-with-parent']);
    });
    afterAll(async () => {
      await mock?.stop();
    });

    test('answers: the admin API, its UI and the demo sessions', async () => {
      expect((await fetch(`${mock.url}/__admin`)).status).toBe(200);
      // The UI's files and its layout library come from the installed package.
      const ui = await fetch(`${mock.url}/__admin/ui`);
      expect([ui.status, ui.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect((await fetch(`${mock.url}/__admin/ui/dagre.min.js`)).status).toBe(200);
      const sessions = await fetch(`${mock.url}/v1/sessions`, { headers: { authorization: 'Bearer demo-bea' } });
      expect(sessions.status).toBe(200);
      expect(((await sessions.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    });

    test('npx session-conformance run --profile quick against it passes', async () => {
      const ran = await run('npx', ['--no', '--', 'session-conformance', 'run', '--profile', 'quick', '--base-url', mock.url, ...DEMO], project);
      expect(ran.stdout, ran.stderr).toMatch(/^PASS {2}25 runs/m);
      expect(ran.code).toBe(0);
    }, 120_000);
  });

  test('npx session-conformance run without --base-url starts the installed mock and passes', async () => {
    const ran = await run('npx', ['--no', '--', 'session-conformance', 'run', '--runs', '2'], project);
    expect(ran.stdout, ran.stderr).toContain('started the embedded mock at http://');
    expect(ran.stdout).toMatch(/^PASS {2}2 runs/m);
    expect(ran.code).toBe(0);
  }, 120_000);
});
