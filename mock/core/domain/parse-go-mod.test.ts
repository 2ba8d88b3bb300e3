import { describe, it, expect } from 'vitest';
import { parseGoMod } from './parse-go-mod.js';

describe('parseGoMod', () => {
  it('reads the go directive, require lines and require blocks', () => {
    const text = [
      'module example.com/x // the module',
      '',
      'go 1.23.0',
      'toolchain go1.23.4',
      'require golang.org/x/sync v0.8.0',
      'require (',
      '\tgithub.com/a/b v1.2.3',
      '\tgithub.com/c/d v0.0.0-2024 // indirect',
      ')',
      'replace (',
      '\tgithub.com/a/b => ../b',
      ')',
      'exclude github.com/e/f v1.0.0',
    ].join('\n');
    expect(parseGoMod(text)).toEqual({
      runtimes: [{ name: 'go', version: '1.23.0' }],
      packages: [
        { ecosystem: 'go', name: 'golang.org/x/sync', version: 'v0.8.0' },
        { ecosystem: 'go', name: 'github.com/a/b', version: 'v1.2.3' },
        { ecosystem: 'go', name: 'github.com/c/d', version: 'v0.0.0-2024' },
      ],
    });
  });

  it('names go without a version when the directive is missing, and never throws on junk', () => {
    expect(parseGoMod('module x\n')).toEqual({ runtimes: [{ name: 'go', version: null }], packages: [] });
    expect(parseGoMod('require (\nbroken\n').packages).toEqual([]);
  });
});
