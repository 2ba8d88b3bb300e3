import { describe, it, expect } from 'vitest';
import { parseNvmrc, parsePackageJson } from './parse-node-sources.js';

describe('parseNvmrc', () => {
  it('takes the first line, trimmed, without a leading v', () => {
    expect(parseNvmrc('  v22.11.0 \nignored\n').runtimes).toEqual([{ name: 'node', version: '22.11.0' }]);
    expect(parseNvmrc('lts/iron').runtimes).toEqual([{ name: 'node', version: 'lts/iron' }]);
    expect(parseNvmrc('\n20\n').runtimes).toEqual([{ name: 'node', version: null }]);
  });
});

describe('parsePackageJson', () => {
  it('reads engines.node, packageManager and dependencies (not devDependencies)', () => {
    const text = JSON.stringify({
      engines: { node: '>=20' },
      packageManager: 'pnpm@9.1.0+sha512.abcdef',
      dependencies: { react: '^19.0.0', weird: 42, empty: '' },
      devDependencies: { vitest: '^4' },
    });
    expect(parsePackageJson(text)).toEqual({
      runtimes: [{ name: 'node', version: '>=20' }],
      packageManagers: [{ name: 'pnpm', version: '9.1.0' }],
      packages: [
        { ecosystem: 'npm', name: 'react', version: '^19.0.0' },
        { ecosystem: 'npm', name: 'empty', version: null },
      ],
    });
  });

  it('falls back to npm and an unversioned node', () => {
    expect(parsePackageJson('{"engines":{"node":20}}')).toEqual({
      runtimes: [{ name: 'node', version: null }],
      packageManagers: [{ name: 'npm', version: null }],
      packages: [],
    });
    // Only Corepack's name@version names a manager: a bare name or a missing name does not.
    expect(parsePackageJson('{"packageManager":"yarn"}')?.packageManagers).toEqual([{ name: 'npm', version: null }]);
    expect(parsePackageJson('{"packageManager":"@4.1.0"}')?.packageManagers).toEqual([{ name: 'npm', version: null }]);
    expect(parsePackageJson('{"packageManager":" yarn@4.1.0 "}')?.packageManagers).toEqual([{ name: 'yarn', version: '4.1.0' }]);
    expect(parsePackageJson('{"packageManager":"yarn@"}')?.packageManagers).toEqual([{ name: 'yarn', version: null }]);
    expect(parsePackageJson('{"packageManager":7}')?.packageManagers).toEqual([{ name: 'npm', version: null }]);
  });

  it('refuses anything but a JSON object', () => {
    for (const text of ['', '{', '[]', '"x"', 'null', '3']) expect(parsePackageJson(text)).toBeNull();
  });
});
