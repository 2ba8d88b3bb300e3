/**
 * Node.js sources of the environment spec: `.nvmrc` and `package.json` (contract README §5).
 */
import type { NamedVersion } from './environment-spec.js';
import { firstLineTrimmed } from './source-text.js';
import { pkg, type SpecContribution } from './spec-contribution.js';

/** `.nvmrc`: runtime `node` from the first line, trimmed, without a leading `v` (empty → null). */
export function parseNvmrc(text: string): SpecContribution {
  const version = firstLineTrimmed(text).replace(/^v/, '');
  return { runtimes: [{ name: 'node', version: version === '' ? null : version }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `package.json`: runtime `node` (`engines.node` when a string), the package manager of
 * `packageManager` (else `npm`), and the string entries of `dependencies` as npm packages.
 * `devDependencies` are ignored: they are not needed to run the workspace. Null when the text is
 * not a JSON object.
 */
export function parsePackageJson(text: string): SpecContribution | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(json)) return null;
  const engines = json.engines;
  const node = isObject(engines) && typeof engines.node === 'string' && engines.node !== '' ? engines.node : null;
  const dependencies = isObject(json.dependencies) ? Object.entries(json.dependencies) : [];
  const packages = dependencies.flatMap(([name, version]) => (typeof version === 'string' ? [pkg('npm', name, version === '' ? null : version)] : []));
  return { runtimes: [{ name: 'node', version: node }], packageManagers: [packageManager(json.packageManager)], packages };
}

/**
 * Corepack's `"name@version"` (trimmed, a `+sha…` suffix cut off). Anything else, a bare name
 * included (Corepack refuses one), falls back to `npm`, which every Node install has.
 */
function packageManager(field: unknown): NamedVersion {
  const spec = typeof field === 'string' ? field.trim() : '';
  const at = spec.lastIndexOf('@');
  if (at <= 0) return { name: 'npm', version: null };
  const version = spec.slice(at + 1).split('+')[0] ?? '';
  return { name: spec.slice(0, at), version: version === '' ? null : version };
}
