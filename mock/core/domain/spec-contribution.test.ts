import { describe, it, expect } from 'vitest';
import { SpecBuilder } from './spec-contribution.js';

describe('SpecBuilder', () => {
  it('keeps the first version given and the first package named, then sorts', () => {
    const b = new SpecBuilder();
    b.add({ runtimes: [{ name: 'python', version: null }], packages: [{ ecosystem: 'pypi', name: 'b', version: null }] });
    b.add({
      runtimes: [{ name: 'python', version: '3.12' }, { name: 'node', version: '20' }],
      packages: [{ ecosystem: 'pypi', name: 'b', version: '1' }, { ecosystem: 'npm', name: 'z', version: '1' }],
    });
    b.add({ runtimes: [{ name: 'python', version: '3.9' }] });
    const spec = b.build();
    expect(spec.runtimes).toEqual([
      { name: 'node', version: '20' },
      { name: 'python', version: '3.12' },
    ]);
    expect(spec.packages).toEqual([
      { ecosystem: 'npm', name: 'z', version: '1' },
      { ecosystem: 'pypi', name: 'b', version: null },
    ]);
  });

  it('keeps the first base image, the last env value and env keys sorted', () => {
    const b = new SpecBuilder();
    b.add({ baseImage: 'a', env: [['Z', '1'], ['A', '1'], ['Z', '2']] });
    b.add({ baseImage: 'b' });
    const spec = b.build();
    expect(spec.baseImage).toBe('a');
    expect(Object.entries(spec.env)).toEqual([['A', '1'], ['Z', '2']]);
  });

  it('drops what the schema cannot carry', () => {
    const b = new SpecBuilder();
    b.add({
      runtimes: [{ name: '', version: '1' }, { name: 'n'.repeat(65), version: '1' }, { name: 'ok', version: 'v'.repeat(129) }],
      packages: [{ ecosystem: 'npm', name: '', version: '1' }],
      env: [['BAD-KEY', 'x'], ['LONG', 'x'.repeat(4097)]],
    });
    expect(b.build()).toEqual({ baseImage: null, runtimes: [{ name: 'ok', version: null }], packageManagers: [], packages: [], env: {} });
  });
});
