/**
 * Deriving an environment spec from root files (contract README §5), for the files the suite
 * writes: `.nvmrc`, `package.json` and `requirements.txt`. The other recognised files
 * (`.python-version`, `Cargo.toml`, `Dockerfile`, `go.mod`, `pyproject.toml`) are never written by
 * the suite's generators, so the model refuses to predict them rather than guess.
 */
import { utf8Text, type FileBytes } from './bytes.js';
import { compareCodePoints } from './code-point-order.js';
import type { EnvironmentSpec, NamedVersion, PackageEntry } from './environment-spec.js';

/** The recognised root files in the order they are read (code point order of their names). */
export const RECOGNISED_FILES = ['.nvmrc', '.python-version', 'Cargo.toml', 'Dockerfile', 'go.mod', 'package.json', 'pyproject.toml', 'requirements.txt'] as const;

/** What one source file contributes. */
interface Contribution {
  runtimes: NamedVersion[];
  managers: NamedVersion[];
  packages: PackageEntry[];
}

function fromNvmrc(text: string): Contribution {
  const first = (text.split('\n')[0] ?? '').trim().replace(/^v/, '');
  return { runtimes: [{ name: 'node', version: first === '' ? null : first }], managers: [], packages: [] };
}

function fromPackageJson(text: string): Contribution | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const json = parsed as Record<string, unknown>;
  const engines = json.engines as Record<string, unknown> | undefined;
  const node = engines !== null && typeof engines === 'object' && typeof engines.node === 'string' ? engines.node : null;
  let manager: NamedVersion = { name: 'npm', version: null };
  const declared = typeof json.packageManager === 'string' ? json.packageManager.trim() : '';
  const at = declared.lastIndexOf('@');
  if (at > 0) {
    const version = declared.slice(at + 1).split('+')[0] ?? '';
    manager = { name: declared.slice(0, at), version: version === '' ? null : version };
  }
  const deps = json.dependencies;
  const packages: PackageEntry[] = [];
  if (deps !== null && typeof deps === 'object' && !Array.isArray(deps)) {
    for (const [name, version] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof version === 'string') packages.push({ ecosystem: 'npm', name, version });
    }
  }
  return { runtimes: [{ name: 'node', version: node }], managers: [manager], packages };
}

function fromRequirements(text: string): Contribution {
  const packages: PackageEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = (raw.split('#')[0] ?? '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(line)?.[0];
    if (name === undefined) continue;
    let rest = line.slice(name.length);
    if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1);
    rest = (rest.split(';')[0] ?? '').replace(/\s+/g, '');
    packages.push({ ecosystem: 'pypi', name: name.toLowerCase(), version: rest === '' ? null : rest });
  }
  return { runtimes: [{ name: 'python', version: null }], managers: [{ name: 'pip', version: null }], packages };
}

/** First source with a non-null version wins; the entry exists if any source names it. */
function mergeNamed(lists: NamedVersion[][]): NamedVersion[] {
  const result = new Map<string, string | null>();
  for (const list of lists) {
    for (const { name, version } of list) {
      if (!result.has(name) || (result.get(name) === null && version !== null)) result.set(name, version);
    }
  }
  return [...result.entries()].map(([name, version]) => ({ name, version })).sort((a, b) => compareCodePoints(a.name, b.name));
}

/** The generated spec and the sources used, or `null` when a file the model does not parse is present. */
export function generateSpec(files: ReadonlyMap<string, FileBytes>): { spec: EnvironmentSpec; sources: string[] } | null {
  const contributions: Contribution[] = [];
  const sources: string[] = [];
  for (const name of RECOGNISED_FILES) {
    const bytes = files.get(name);
    if (bytes === undefined) continue;
    const text = utf8Text(bytes);
    if (text === null) continue;
    let contribution: Contribution | null;
    if (name === '.nvmrc') contribution = fromNvmrc(text);
    else if (name === 'package.json') contribution = fromPackageJson(text);
    else if (name === 'requirements.txt') contribution = fromRequirements(text);
    else return null;
    if (contribution === null) continue;
    contributions.push(contribution);
    sources.push(name);
  }
  const packages = new Map<string, PackageEntry>();
  for (const c of contributions) {
    for (const p of c.packages) {
      const key = `${p.ecosystem}\u0000${p.name}`;
      if (!packages.has(key)) packages.set(key, p);
    }
  }
  const sortedPackages = [...packages.values()].sort((a, b) => compareCodePoints(a.ecosystem, b.ecosystem) || compareCodePoints(a.name, b.name));
  return {
    spec: {
      baseImage: null,
      runtimes: mergeNamed(contributions.map((c) => c.runtimes)),
      packageManagers: mergeNamed(contributions.map((c) => c.managers)),
      packages: sortedPackages,
      env: {},
    },
    sources,
  };
}
