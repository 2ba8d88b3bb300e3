/**
 * Python sources of the environment spec: `.python-version`, `requirements.txt` and
 * `pyproject.toml` (contract README §5).
 */
import type { PackageRef } from './environment-spec.js';
import { firstLineTrimmed, readStringArray, splitLines, tomlStringValue, tomlTableLines } from './source-text.js';
import { pkg, type SpecContribution } from './spec-contribution.js';

const PIP = { name: 'pip', version: null } as const;

/** `.python-version`: runtime `python` from the first line, trimmed (empty → null). */
export function parsePythonVersion(text: string): SpecContribution {
  const version = firstLineTrimmed(text);
  return { runtimes: [{ name: 'python', version: version === '' ? null : version }] };
}

/**
 * One requirement line: everything from `#` dropped, then the `; marker`; name = the leading
 * `[A-Za-z0-9][A-Za-z0-9._-]*` lower-cased; `[extras]` dropped; version = the rest without whitespace, or
 * null. Empty lines and options (`-r …`, `--index-url …`) give nothing, and so do local paths
 * (`./pkg`): a distribution name starts with a letter or digit (PEP 508).
 */
export function parseRequirement(line: string): PackageRef | null {
  const text = (line.split('#')[0] ?? '').trim();
  if (text === '' || text.startsWith('-')) return null;
  const spec = (text.split(';')[0] ?? '').trim();
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0];
  if (name === undefined) return null;
  const rest = spec.slice(name.length).trim().replace(/^\[[^\]]*\]/, '').replace(/\s+/g, '');
  return pkg('pypi', name.toLowerCase(), rest === '' ? null : rest);
}

/** `requirements.txt`: runtime `python` and manager `pip` (both unversioned), one package a line. */
export function parseRequirementsTxt(text: string): SpecContribution {
  const packages = splitLines(text).flatMap((line) => parseRequirement(line) ?? []);
  return { runtimes: [{ name: 'python', version: null }], packageManagers: [PIP], packages };
}

/**
 * `pyproject.toml`: under `[project]`, `requires-python` → runtime `python`, and the
 * `dependencies` string array → pypi packages. Null when that array is present but unreadable.
 */
export function parsePyprojectToml(text: string): SpecContribution | null {
  const project = tomlTableLines(text, 'project');
  let python: string | null = null;
  for (const line of project) python ??= tomlStringValue(line, 'requires-python') ?? null;
  // Rejoined so that the array can span lines; comment lines were already dropped.
  const body = project.join('\n');
  const start = /^dependencies\s*=\s*\[/m.exec(body);
  let packages: PackageRef[] = [];
  if (start !== null) {
    const items = readStringArray(body, start.index + start[0].length - 1);
    if (items === null) return null;
    packages = items.flatMap((item) => parseRequirement(item) ?? []);
  }
  return { runtimes: [{ name: 'python', version: python === '' ? null : python }], packageManagers: [PIP], packages };
}
