/**
 * `Cargo.toml` as a source of the environment spec (contract README §5).
 */
import type { PackageRef } from './environment-spec.js';
import { tomlStringValue, tomlTableLines } from './source-text.js';
import { pkg, type SpecContribution } from './spec-contribution.js';

// `name = "1.0"` or `name = { version = "1.0", … }`; the key may be quoted.
const DEPENDENCY = /^(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*=\s*(.*)$/;
const INLINE_VERSION = /(?:^|[{,\s])version\s*=\s*"([^"]*)"/;

/**
 * Runtime `rust` (`rust-version` under `[package]`, else null), manager `cargo`, and cargo packages
 * from the `[dependencies]` table: a version string, or an inline table's `version` (null when it
 * has none, e.g. a path or git dependency). Other value shapes are skipped.
 */
export function parseCargoToml(text: string): SpecContribution {
  let rust: string | null = null;
  for (const line of tomlTableLines(text, 'package')) rust ??= tomlStringValue(line, 'rust-version') ?? null;
  const packages: PackageRef[] = [];
  for (const line of tomlTableLines(text, 'dependencies')) {
    const m = DEPENDENCY.exec(line);
    const name = m?.[1] ?? m?.[2];
    const value = m?.[3]?.trim();
    if (name === undefined || value === undefined) continue;
    const plain = /^"([^"]*)"/.exec(value);
    if (plain !== null) packages.push(pkg('cargo', name, plain[1] || null));
    else if (value.startsWith('{')) packages.push(pkg('cargo', name, INLINE_VERSION.exec(value)?.[1] || null));
  }
  return {
    runtimes: [{ name: 'rust', version: rust === '' ? null : rust }],
    packageManagers: [{ name: 'cargo', version: null }],
    packages,
  };
}
