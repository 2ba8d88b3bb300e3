/**
 * The environment spec's wire shape (domain-rules "Environment spec generation") and the deep
 * equality that decides whether two contents are equal.
 */

/** A runtime or package manager with an optional version. */
export interface NamedVersion {
  name: string;
  version: string | null;
}

/** One package dependency. */
export interface PackageEntry {
  ecosystem: 'npm' | 'pypi' | 'go' | 'cargo';
  name: string;
  version: string | null;
}

/** The environment spec, part of a session's content. */
export interface EnvironmentSpec {
  baseImage: string | null;
  runtimes: NamedVersion[];
  packageManagers: NamedVersion[];
  packages: PackageEntry[];
  env: Record<string, string>;
}

/**
 * JSON text with object keys sorted, so that two JSON values are deep-equal exactly when their
 * canonical texts are equal (array order matters, key order does not).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deep equality of two specs; `null` equals only `null`. */
export function specEquals(a: EnvironmentSpec | null, b: EnvironmentSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** An independent deep copy, so nothing the caller keeps can alias the model's state. */
export function cloneSpec(spec: EnvironmentSpec | null): EnvironmentSpec | null {
  return spec === null ? null : structuredClone(spec);
}
