/**
 * The environment spec as it travels on the wire (contract `EnvironmentSpec`), and its equality.
 */

/** A runtime or package manager, e.g. `{ name: "node", version: "20.11.0" }`. */
export interface NamedVersion {
  readonly name: string;
  readonly version: string | null;
}

/** Package ecosystems the generator knows. */
export type PackageEcosystem = 'npm' | 'pypi' | 'go' | 'cargo';

/** One declared dependency. */
export interface PackageRef {
  readonly ecosystem: PackageEcosystem;
  readonly name: string;
  readonly version: string | null;
}

/** A workspace's environment: part of content, merged as one item. All fields are required. */
export interface EnvironmentSpec {
  readonly baseImage: string | null;
  readonly runtimes: readonly NamedVersion[];
  readonly packageManagers: readonly NamedVersion[];
  readonly packages: readonly PackageRef[];
  readonly env: Readonly<Record<string, string>>;
}

/** The pseudo-path naming the spec in change, conflict and applied lists (no real path starts with "/"). */
export const ENVIRONMENT_SPEC_PATH = '/environmentSpec';

/**
 * Deep equality of two specs; `null` (no spec) equals only `null`. Objects compare key-order
 * independently (JSON objects are unordered, so `env` written in another order is the same spec);
 * arrays compare in order, as JSON deep equality does.
 */
export function environmentSpecEquals(a: EnvironmentSpec | null, b: EnvironmentSpec | null): boolean {
  return jsonDeepEqual(a, b);
}

/** Deep equality of JSON values: arrays by position, objects by key set regardless of key order. */
export function jsonDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonDeepEqual(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.hasOwn(y, k) && jsonDeepEqual(x[k], y[k]));
}
