/**
 * What one recognised file says about the environment, and how contributions combine into a spec
 * (contract README §5 "Generation": precedence, ordering and the schema's bounds).
 */
import { compareCodePoints } from './code-point-order.js';
import type { EnvironmentSpec, NamedVersion, PackageEcosystem, PackageRef } from './environment-spec.js';

/** The part of a spec that one source file gives. Only a Dockerfile gives `baseImage` and `env`. */
export interface SpecContribution {
  readonly runtimes?: readonly NamedVersion[];
  readonly packageManagers?: readonly NamedVersion[];
  readonly packages?: readonly PackageRef[];
  readonly baseImage?: string | null;
  /** In file order; a later assignment of the same key wins. */
  readonly env?: readonly (readonly [string, string])[];
}

/** Reads a decoded file; `null` when it does not parse (the file is then skipped and not listed). */
export type SourceParser = (text: string) => SpecContribution | null;

// Bounds from the contract's EnvironmentSpec, NamedVersion and Package schemas: the generator must
// never produce a body that fails its own response schema, whatever the files say.
const MAX_NAMED = 32;
const MAX_PACKAGES = 2000;
const MAX_ENV = 200;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const MAX_ENV_VALUE = 4096;
const MAX_BASE_IMAGE = 512;

/** A non-empty string no longer than `max`, else null (an unusable version is reported as unknown). */
function bounded(value: string | null, max: number): string | null {
  return value !== null && value.length > 0 && value.length <= max ? value : null;
}

/** Collects contributions in source order and builds the spec. */
export class SpecBuilder {
  private readonly runtimes = new Map<string, string | null>();
  private readonly managers = new Map<string, string | null>();
  private readonly packages = new Map<string, PackageRef>();
  private readonly env = new Map<string, string>();
  private baseImage: string | null = null;

  /** Adds one file's contribution; earlier files keep precedence (see {@link addNamed}). */
  add(c: SpecContribution): void {
    for (const r of c.runtimes ?? []) addNamed(this.runtimes, r);
    for (const m of c.packageManagers ?? []) addNamed(this.managers, m);
    for (const p of c.packages ?? []) this.addPackage(p);
    if (this.baseImage === null && c.baseImage !== undefined) this.baseImage = bounded(c.baseImage, MAX_BASE_IMAGE);
    for (const [key, value] of c.env ?? []) {
      if (!ENV_NAME.test(key) || value.length > MAX_ENV_VALUE) continue;
      if (this.env.has(key) || this.env.size < MAX_ENV) this.env.set(key, value);
    }
  }

  /** The spec: runtimes and managers sorted by name, packages by ecosystem then name, env by key. */
  build(): EnvironmentSpec {
    const packages = [...this.packages.values()].sort(
      (a, b) => compareCodePoints(a.ecosystem, b.ecosystem) || compareCodePoints(a.name, b.name),
    );
    const envKeys = [...this.env.keys()].sort(compareCodePoints);
    return {
      baseImage: this.baseImage,
      runtimes: sortedNamed(this.runtimes),
      packageManagers: sortedNamed(this.managers),
      packages: packages.slice(0, MAX_PACKAGES),
      env: Object.fromEntries(envKeys.map((k) => [k, this.env.get(k) ?? ''])),
    };
  }

  /** The first source naming an (ecosystem, name) wins. */
  private addPackage(p: PackageRef): void {
    if (p.name.length === 0 || p.name.length > 256) return;
    const key = `${p.ecosystem}\u0000${p.name}`;
    if (!this.packages.has(key)) this.packages.set(key, { ecosystem: p.ecosystem, name: p.name, version: bounded(p.version, 256) });
  }
}

/** The entry exists once any source names it; the first non-null version wins. */
function addNamed(map: Map<string, string | null>, entry: NamedVersion): void {
  if (entry.name.length === 0 || entry.name.length > 64) return;
  const known = map.has(entry.name);
  if ((known && map.get(entry.name) !== null) || (!known && map.size >= MAX_NAMED)) return;
  map.set(entry.name, bounded(entry.version, 128));
}

function sortedNamed(map: ReadonlyMap<string, string | null>): NamedVersion[] {
  return [...map.keys()].sort(compareCodePoints).map((name) => ({ name, version: map.get(name) ?? null }));
}

/** A package reference (shorthand for parsers). */
export function pkg(ecosystem: PackageEcosystem, name: string, version: string | null): PackageRef {
  return { ecosystem, name, version };
}
