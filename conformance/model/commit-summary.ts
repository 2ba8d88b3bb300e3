/**
 * The deterministic words of `generateCommitSummary` (domain-rules "Commit summary").
 */
import { ENV_SPEC_PATH, type Change } from './content.js';

/** Counts of a change list. */
export interface ChangeStats {
  added: number;
  modified: number;
  deleted: number;
  total: number;
}

/** Counts each kind of change. */
export function changeStats(changes: readonly Change[]): ChangeStats {
  const count = (kind: Change['change']): number => changes.filter((c) => c.change === kind).length;
  return { added: count('added'), modified: count('modified'), deleted: count('deleted'), total: changes.length };
}

/**
 * "No changes since the last commit." or e.g.
 * "3 changes: 1 added, 1 modified, 1 deleted. Paths: README.md, src/a.ts, src/b.ts."
 * Paths: the first five (the list is already sorted), then ", and <n> more".
 */
export function summaryText(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No changes since the last commit.';
  const stats = changeStats(changes);
  const noun = stats.total === 1 ? 'change' : 'changes';
  const shown = changes.slice(0, 5).map((c) => c.path).join(', ');
  const more = changes.length > 5 ? `, and ${changes.length - 5} more` : '';
  return `${stats.total} ${noun}: ${stats.added} added, ${stats.modified} modified, ${stats.deleted} deleted. Paths: ${shown}${more}.`;
}

const VERB: Record<Change['change'], string> = { added: 'Add', modified: 'Update', deleted: 'Delete' };

/**
 * "" with no changes; "Add|Update|Delete <path>" (or "… environment spec") for exactly one;
 * "Update <n> files", or "Update <n> files and environment spec" when the spec is among them.
 */
export function suggestedMessage(changes: readonly Change[]): string {
  const only = changes.length === 1 ? changes[0] : undefined;
  if (changes.length === 0) return '';
  if (only !== undefined) {
    const subject = only.path === ENV_SPEC_PATH ? 'environment spec' : only.path;
    return `${VERB[only.change]} ${subject}`;
  }
  if (!changes.some((c) => c.path === ENV_SPEC_PATH)) return `Update ${changes.length} files`;
  const files = changes.length - 1;
  return `Update ${files} ${files === 1 ? 'file' : 'files'} and environment spec`;
}
