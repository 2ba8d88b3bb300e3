/**
 * Deriving an environment spec from a workspace's files (SEMANTICS §9, contract README §5).
 */
import type { EnvironmentSpec } from './environment-spec.js';
import { parseCargoToml } from './parse-cargo-toml.js';
import { parseDockerfile } from './parse-dockerfile.js';
import { parseGoMod } from './parse-go-mod.js';
import { parseNvmrc, parsePackageJson } from './parse-node-sources.js';
import { parsePythonVersion, parsePyprojectToml, parseRequirementsTxt } from './parse-python-sources.js';
import type { PersistentFileMap } from './persistent-file-map.js';
import { SpecBuilder, type SpecContribution, type SourceParser } from './spec-contribution.js';

/** The outcome of {@link generateEnvironmentSpec}. */
export interface GeneratedEnvironmentSpec {
  readonly spec: EnvironmentSpec;
  /** The recognised files that were read and parsed, in reading (code point) order. */
  readonly sources: string[];
}

/**
 * The recognised root files, in code point order of their names: that order is both the reading
 * order and the precedence order (the first file giving a version or naming a package wins).
 */
const RECOGNISED: readonly (readonly [string, SourceParser])[] = [
  ['.nvmrc', parseNvmrc],
  ['.python-version', parsePythonVersion],
  ['Cargo.toml', parseCargoToml],
  ['Dockerfile', parseDockerfile],
  ['go.mod', parseGoMod],
  ['package.json', parsePackageJson],
  ['pyproject.toml', parsePyprojectToml],
  ['requirements.txt', parseRequirementsTxt],
];

/**
 * Derives a spec from the recognised files at the root of `files` (nested files are not read).
 * Deterministic: the same files give the same spec. A file that is not valid UTF-8 or does not
 * parse is skipped and not listed in `sources`; this never throws on file content.
 */
export function generateEnvironmentSpec(files: PersistentFileMap): GeneratedEnvironmentSpec {
  const builder = new SpecBuilder();
  const sources: string[] = [];
  // Fatal decoding: a file that is not UTF-8 is not a config file we can read.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [path, parse] of RECOGNISED) {
    const blob = files.get(path);
    if (blob === undefined) continue;
    const contribution = readSource(() => parse(decoder.decode(blob.bytes)));
    if (contribution === null) continue;
    builder.add(contribution);
    sources.push(path);
  }
  return { spec: builder.build(), sources };
}

// Client-written bytes must never become a server error: a decoding failure, or any parser bug on
// odd input, skips the file instead.
function readSource(read: () => SpecContribution | null): SpecContribution | null {
  try {
    return read();
  } catch {
    return null;
  }
}
