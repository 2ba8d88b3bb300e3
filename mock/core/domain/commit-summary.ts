/**
 * The deterministic words of `generateCommitSummary` (SEMANTICS §7, contract README §4 "Commit
 * summary texts"). No model is involved: the same change list always gives the same text.
 */
import { ENVIRONMENT_SPEC_PATH } from './environment-spec.js';
import type { ChangeKind, FileChange } from './file-map-diff.js';

/** Counts of a change list (contract `ChangeStats`). */
export interface ChangeStats {
  readonly added: number;
  readonly modified: number;
  readonly deleted: number;
  readonly total: number;
}

/** The derived parts of a contract `CommitSummary` (the caller adds revisions and `changes`). */
export interface ChangeSummary {
  readonly stats: ChangeStats;
  readonly summary: string;
  readonly suggestedMessage: string;
}

/** Paths named in `summary` before it says "and <n> more". */
const LISTED_PATHS = 5;

const VERB: Readonly<Record<ChangeKind, string>> = { added: 'Add', modified: 'Update', deleted: 'Delete' };

/**
 * Stats, summary and suggested message for a change list already sorted by path (as diffContent
 * returns it); the order given is the order in which paths are named.
 *
 * - `summary`: `No changes since the last commit.`, or e.g.
 *   `3 changes: 1 added, 1 modified, 1 deleted. Paths: README.md, src/a.ts, src/b.ts.` naming the
 *   first five paths, then `, and <n> more`.
 * - `suggestedMessage`: `""`; `Add|Update|Delete <path>` (the spec as `environment spec`) for one
 *   change; else `Update <n> files`, or `Update <n> file(s) and environment spec`.
 */
export function summarizeChanges(changes: readonly FileChange[]): ChangeSummary {
  const stats = countChanges(changes);
  return { stats, summary: summaryText(changes, stats), suggestedMessage: suggestMessage(changes) };
}

function countChanges(changes: readonly FileChange[]): ChangeStats {
  const counts: Record<ChangeKind, number> = { added: 0, modified: 0, deleted: 0 };
  for (const c of changes) counts[c.change]++;
  return { ...counts, total: changes.length };
}

function summaryText(changes: readonly FileChange[], stats: ChangeStats): string {
  if (stats.total === 0) return 'No changes since the last commit.';
  const noun = stats.total === 1 ? 'change' : 'changes';
  const listed = changes.slice(0, LISTED_PATHS).map((c) => c.path).join(', ');
  const more = stats.total > LISTED_PATHS ? `, and ${stats.total - LISTED_PATHS} more` : '';
  return `${stats.total} ${noun}: ${stats.added} added, ${stats.modified} modified, ${stats.deleted} deleted. Paths: ${listed}${more}.`;
}

function suggestMessage(changes: readonly FileChange[]): string {
  const [only] = changes;
  if (only === undefined) return '';
  if (changes.length === 1) return `${VERB[only.change]} ${only.path === ENVIRONMENT_SPEC_PATH ? 'environment spec' : only.path}`;
  if (!changes.some((c) => c.path === ENVIRONMENT_SPEC_PATH)) return `Update ${changes.length} files`;
  const files = changes.length - 1;
  return `Update ${files} ${files === 1 ? 'file' : 'files'} and environment spec`;
}
