import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { createFileBlob, createTextBlob } from './file-blob.js';
import { generateEnvironmentSpec } from './generate-environment-spec.js';
import { PersistentFileMap } from './persistent-file-map.js';

const files = (tree: Record<string, string | Uint8Array>): PersistentFileMap =>
  PersistentFileMap.fromEntries(Object.entries(tree).map(([p, v]) => [p, typeof v === 'string' ? createTextBlob(v) : createFileBlob(v)] as const));

/** A demo tree from fixtures/demo/trees, nested files included (the generator must ignore them). */
function demoTree(name: string): PersistentFileMap {
  const root = fileURLToPath(new URL(`../../../fixtures/demo/trees/${name}/`, import.meta.url));
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return PersistentFileMap.fromEntries(
    entries.map((e) => {
      const full = join(e.parentPath, e.name);
      // Workspace paths are POSIX; the fixture trees have plain ASCII names.
      return [relative(root, full).split('\\').join('/'), createFileBlob(readFileSync(full))] as const;
    }),
  );
}

describe('generateEnvironmentSpec on the demo trees', () => {
  it('reads the web app (.nvmrc wins over engines.node)', () => {
    expect(generateEnvironmentSpec(demoTree('web-app'))).toEqual({
      sources: ['.nvmrc', 'Dockerfile', 'package.json'],
      spec: {
        baseImage: 'node:20-alpine',
        runtimes: [{ name: 'node', version: '20.19.0' }],
        packageManagers: [{ name: 'pnpm', version: '9.12.0' }],
        packages: [
          { ecosystem: 'npm', name: 'react', version: '^19.0.0' },
          { ecosystem: 'npm', name: 'react-dom', version: '^19.0.0' },
          { ecosystem: 'npm', name: 'zod', version: '^3.23.8' },
        ],
        env: { NODE_ENV: 'production', PORT: '8080' },
      },
    });
  });

  it('reads the Go service (go.mod)', () => {
    expect(generateEnvironmentSpec(demoTree('go-service'))).toEqual({
      sources: ['go.mod'],
      spec: {
        baseImage: null,
        runtimes: [{ name: 'go', version: '1.22' }],
        packageManagers: [],
        packages: [
          { ecosystem: 'go', name: 'github.com/go-chi/chi/v5', version: 'v5.1.0' },
          { ecosystem: 'go', name: 'github.com/jackc/pgx/v5', version: 'v5.6.0' },
        ],
        env: {},
      },
    });
  });

  it('reads the Python package (.python-version first, pyproject.toml before requirements.txt)', () => {
    expect(generateEnvironmentSpec(demoTree('py-package'))).toEqual({
      sources: ['.python-version', 'pyproject.toml', 'requirements.txt'],
      spec: {
        baseImage: null,
        runtimes: [{ name: 'python', version: '3.11.7' }],
        packageManagers: [{ name: 'pip', version: null }],
        packages: [
          { ecosystem: 'pypi', name: 'pandas', version: '>=2.2' },
          { ecosystem: 'pypi', name: 'pyarrow', version: '>=16.0' },
          { ecosystem: 'pypi', name: 'requests', version: '==2.32.3' },
        ],
        env: {},
      },
    });
  });

  it('reads the Rust CLI (Cargo.toml)', () => {
    expect(generateEnvironmentSpec(demoTree('rust-cli'))).toEqual({
      sources: ['Cargo.toml'],
      spec: {
        baseImage: null,
        runtimes: [{ name: 'rust', version: '1.75' }],
        packageManagers: [{ name: 'cargo', version: null }],
        packages: [
          { ecosystem: 'cargo', name: 'clap', version: '4.5' },
          { ecosystem: 'cargo', name: 'serde', version: '1.0' },
        ],
        env: {},
      },
    });
  });
});

describe('generateEnvironmentSpec rules', () => {
  it('gives an empty spec and no sources for a tree without recognised root files', () => {
    const result = generateEnvironmentSpec(files({ 'README.md': '# hi', 'app/package.json': '{"engines":{"node":"20"}}' }));
    expect(result).toEqual({ sources: [], spec: { baseImage: null, runtimes: [], packageManagers: [], packages: [], env: {} } });
  });

  it('lets the first source with a version win, keeping unversioned names', () => {
    const result = generateEnvironmentSpec(
      files({
        '.nvmrc': 'v20.19.0\n',
        'package.json': '{"engines":{"node":">=18"},"dependencies":{"a":"1"}}',
        'requirements.txt': 'flask\n',
        '.python-version': '\n',
        'pyproject.toml': '[project]\nrequires-python = ">=3.12"\ndependencies = ["flask>=3"]\n',
      }),
    );
    expect(result.sources).toEqual(['.nvmrc', '.python-version', 'package.json', 'pyproject.toml', 'requirements.txt']);
    expect(result.spec.runtimes).toEqual([
      { name: 'node', version: '20.19.0' },
      { name: 'python', version: '>=3.12' },
    ]);
    expect(result.spec.packageManagers).toEqual([
      { name: 'npm', version: null },
      { name: 'pip', version: null },
    ]);
    // Sorted by ecosystem, then name; pyproject.toml is read before requirements.txt.
    expect(result.spec.packages).toEqual([
      { ecosystem: 'npm', name: 'a', version: '1' },
      { ecosystem: 'pypi', name: 'flask', version: '>=3' },
    ]);
  });

  it('skips files that are not UTF-8 or do not parse, without throwing', () => {
    const result = generateEnvironmentSpec(
      files({
        '.nvmrc': new Uint8Array([0xff, 0xfe, 0x32, 0x30]),
        'package.json': '[1, 2]',
        'pyproject.toml': '[project]\ndependencies = ["a",\n',
        'requirements.txt': 'requests==2\n',
      }),
    );
    expect(result.sources).toEqual(['requirements.txt']);
    expect(result.spec.runtimes).toEqual([{ name: 'python', version: null }]);
    expect(generateEnvironmentSpec(files({ 'package.json': '{ not json' })).sources).toEqual([]);
    expect(generateEnvironmentSpec(files({ 'package.json': 'null' })).sources).toEqual([]);
  });

  it('keeps within the schema bounds', () => {
    const deps = Object.fromEntries(Array.from({ length: 2100 }, (_, i) => [`p${String(i).padStart(4, '0')}`, '1']));
    const env = Array.from({ length: 250 }, (_, i) => `ENV K${i}=v`).join('\n');
    const result = generateEnvironmentSpec(
      files({
        'package.json': JSON.stringify({ dependencies: deps, engines: { node: 'x'.repeat(200) } }),
        Dockerfile: `FROM ${'i'.repeat(600)}\n${env}\nENV 1BAD=x lower_ok=y\n`,
      }),
    );
    expect(result.spec.packages).toHaveLength(2000);
    expect(result.spec.runtimes).toEqual([{ name: 'node', version: null }]);
    expect(result.spec.baseImage).toBeNull();
    expect(Object.keys(result.spec.env)).toHaveLength(200);
    expect(result.spec.env).not.toHaveProperty('1BAD');
  });

  it('is deterministic', () => {
    const tree = demoTree('web-app');
    expect(generateEnvironmentSpec(tree)).toEqual(generateEnvironmentSpec(tree));
  });
});
