import { describe, it, expect } from 'vitest';
import { parsePyprojectToml, parsePythonVersion, parseRequirement, parseRequirementsTxt } from './parse-python-sources.js';

describe('parseRequirement', () => {
  it.each([
    ['pandas==2.2.3', 'pandas', '==2.2.3'],
    ['Requests[socks, security] >= 2.31 , < 3 ; python_version >= "3.8"  # why', 'requests', '>=2.31,<3'],
    ['flask', 'flask', null],
    ['  numpy~=1.26  ', 'numpy', '~=1.26'],
    ['zope.interface>=6', 'zope.interface', '>=6'],
  ])('%s', (line, name, version) => {
    expect(parseRequirement(line)).toEqual({ ecosystem: 'pypi', name, version });
  });

  it('gives nothing for blanks, comments, options, local paths and names not starting with a letter or digit', () => {
    for (const line of ['', '   ', '# pinned', '-r dev.txt', '--index-url https://x', './local/pkg', '_private==1', '.hidden']) {
      expect(parseRequirement(line)).toBeNull();
    }
  });
});

describe('python sources', () => {
  it('reads .python-version', () => {
    expect(parsePythonVersion('3.12.1\n3.11\n')).toEqual({ runtimes: [{ name: 'python', version: '3.12.1' }] });
    expect(parsePythonVersion('')).toEqual({ runtimes: [{ name: 'python', version: null }] });
  });

  it('reads requirements.txt', () => {
    expect(parseRequirementsTxt('# c\nDjango>=5\n\n-e .\nuvicorn\n')).toEqual({
      runtimes: [{ name: 'python', version: null }],
      packageManagers: [{ name: 'pip', version: null }],
      packages: [
        { ecosystem: 'pypi', name: 'django', version: '>=5' },
        { ecosystem: 'pypi', name: 'uvicorn', version: null },
      ],
    });
  });

  it('reads [project] of pyproject.toml, across lines, with brackets and comments', () => {
    const text = [
      '[tool.x]',
      'requires-python = ">=2"',
      'dependencies = ["ignored"]',
      '[project]',
      'requires-python = ">=3.10"',
      'dependencies = [',
      '  "httpx[http2]>=0.27",  # why',
      "  'attrs',",
      '  "tomli; python_version < \\"3.11\\"",',
      ']',
      '[project.optional-dependencies]',
      'dev = ["pytest"]',
    ].join('\n');
    expect(parsePyprojectToml(text)).toEqual({
      runtimes: [{ name: 'python', version: '>=3.10' }],
      packageManagers: [{ name: 'pip', version: null }],
      packages: [
        { ecosystem: 'pypi', name: 'httpx', version: '>=0.27' },
        { ecosystem: 'pypi', name: 'attrs', version: null },
        { ecosystem: 'pypi', name: 'tomli', version: null },
      ],
    });
    expect(parsePyprojectToml('[project]\ndependencies = ["a", "b"]\n')?.packages).toHaveLength(2);
    expect(parsePyprojectToml('[build-system]\nrequires = ["hatchling"]\n')?.runtimes).toEqual([{ name: 'python', version: null }]);
  });

  it('refuses an unreadable dependencies array', () => {
    expect(parsePyprojectToml('[project]\ndependencies = ["a",\n')).toBeNull();
    expect(parsePyprojectToml('[project]\ndependencies = [1, 2]\n')).toBeNull();
    expect(parsePyprojectToml('[project]\ndependencies = ["unterminated]\n')).toBeNull();
  });
});
