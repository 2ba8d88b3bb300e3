/**
 * `go.mod` as a source of the environment spec (contract README §5).
 */
import type { PackageRef } from './environment-spec.js';
import { splitLines } from './source-text.js';
import { pkg, type SpecContribution } from './spec-contribution.js';

/**
 * Runtime `go` from the `go X` directive (else null) and go packages from `require path vX` lines
 * and `require ( … )` blocks. Comments, `// indirect` included, are stripped, so indirect
 * requirements count like direct ones. Other blocks (`replace`, `exclude`, …) are skipped. Go has
 * no separate package manager.
 */
export function parseGoMod(text: string): SpecContribution {
  let go: string | null = null;
  let block: string | null = null;
  const packages: PackageRef[] = [];
  const addRequirement = (spec: string): void => {
    const m = /^(\S+)\s+(\S+)$/.exec(spec);
    if (m?.[1] !== undefined && m[2] !== undefined) packages.push(pkg('go', m[1], m[2]));
  };
  for (const raw of splitLines(text)) {
    const line = (raw.split('//')[0] ?? '').trim();
    if (line === '') continue;
    if (block !== null) {
      if (line === ')') block = null;
      else if (block === 'require') addRequirement(line);
      continue;
    }
    const opens = /^(\w+)\s*\($/.exec(line);
    if (opens?.[1] !== undefined) {
      block = opens[1];
      continue;
    }
    const directive = /^(\w+)\s+(.+)$/.exec(line);
    if (directive?.[1] === 'go' && go === null) go = directive[2] ?? null;
    else if (directive?.[1] === 'require' && directive[2] !== undefined) addRequirement(directive[2]);
  }
  return { runtimes: [{ name: 'go', version: go }], packages };
}
