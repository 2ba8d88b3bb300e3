/**
 * `Dockerfile` as a source of the environment spec (contract README §5).
 */
import { splitLines } from './source-text.js';
import type { SpecContribution } from './spec-contribution.js';

// A token is a run of non-space characters in which "…" segments may hold spaces.
const TOKEN = /(?:"[^"]*"|[^\s"])+/g;

/**
 * Logical instructions: comment lines dropped and `\` continuations joined, as Docker reads them.
 */
function instructions(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of splitLines(text)) {
    if (raw.trim().startsWith('#')) continue;
    const line = raw.trimEnd();
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(pending + line);
    pending = '';
  }
  if (pending !== '') out.push(pending);
  return out;
}

/** `ENV K=V [K2=V2 …]` (double quotes removed) or the legacy `ENV K value …` (rest of the line). */
function envPairs(args: string): [string, string][] {
  const tokens = args.match(TOKEN) ?? [];
  const [first] = tokens;
  if (first === undefined) return [];
  if (!first.includes('=')) {
    const value = args.trim().slice(first.length).trim();
    return value === '' ? [] : [[first, value]];
  }
  return tokens.flatMap((token): [string, string][] => {
    const eq = token.indexOf('=');
    return eq <= 0 ? [] : [[token.slice(0, eq).replaceAll('"', ''), token.slice(eq + 1).replaceAll('"', '')]];
  });
}

/**
 * `baseImage` = the image of the first `FROM` (any case; `--platform=…` style flags skipped), and
 * `env` from every `ENV`, in order so that a later assignment wins.
 */
export function parseDockerfile(text: string): SpecContribution {
  let baseImage: string | null = null;
  const env: [string, string][] = [];
  for (const instruction of instructions(text)) {
    const m = /^\s*(\S+)\s*(.*)$/.exec(instruction);
    const keyword = m?.[1]?.toUpperCase();
    const args = m?.[2] ?? '';
    if (keyword === 'FROM' && baseImage === null) {
      baseImage = args.split(/\s+/).find((t) => t !== '' && !t.startsWith('--')) ?? null;
    } else if (keyword === 'ENV') {
      env.push(...envPairs(args));
    }
  }
  return { baseImage, env };
}
