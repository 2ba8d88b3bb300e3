import { describe, it, expect } from 'vitest';
import { parseCargoToml } from './parse-cargo-toml.js';

describe('parseCargoToml', () => {
  it('reads rust-version and the [dependencies] table only', () => {
    const text = [
      '[package]',
      'name = "x"',
      'rust-version = "1.80" # MSRV',
      '',
      '[dependencies]',
      '# serde = "0.9"',
      'serde = "1.0.210"',
      'tokio = { version = "1.40", features = ["full"] }',
      'local = { path = "../local" }',
      '"quoted-name" = "2"',
      'weird = 3',
      '',
      '[dev-dependencies]',
      'proptest = "1"',
      '',
      '[dependencies.regex]',
      'version = "1.10"',
      '',
      '[[bin]]',
      'name = "tool"',
    ].join('\n');
    expect(parseCargoToml(text)).toEqual({
      runtimes: [{ name: 'rust', version: '1.80' }],
      packageManagers: [{ name: 'cargo', version: null }],
      packages: [
        { ecosystem: 'cargo', name: 'serde', version: '1.0.210' },
        { ecosystem: 'cargo', name: 'tokio', version: '1.40' },
        { ecosystem: 'cargo', name: 'local', version: null },
        { ecosystem: 'cargo', name: 'quoted-name', version: '2' },
      ],
    });
  });

  it('names rust and cargo even without a [package] rust-version', () => {
    expect(parseCargoToml('[workspace]\nmembers = ["a"]\n')).toEqual({
      runtimes: [{ name: 'rust', version: null }],
      packageManagers: [{ name: 'cargo', version: null }],
      packages: [],
    });
  });
});
