import { describe, it, expect } from 'vitest';
import { summarizeChanges } from './commit-summary.js';
import type { ChangeKind, FileChange } from './file-map-diff.js';

const ch = (path: string, change: ChangeKind): FileChange => ({ path, change });

describe('summarizeChanges', () => {
  // The rows of the table in contract/README.md §4, word for word.
  it.each([
    { changes: [], summary: 'No changes since the last commit.', message: '' },
    { changes: [ch('a.txt', 'added')], summary: '1 change: 1 added, 0 modified, 0 deleted. Paths: a.txt.', message: 'Add a.txt' },
    {
      changes: [ch('/environmentSpec', 'modified')],
      summary: '1 change: 0 added, 1 modified, 0 deleted. Paths: /environmentSpec.',
      message: 'Update environment spec',
    },
    {
      changes: [ch('README.md', 'added'), ch('src/a.ts', 'modified'), ch('src/b.ts', 'deleted')],
      summary: '3 changes: 1 added, 1 modified, 1 deleted. Paths: README.md, src/a.ts, src/b.ts.',
      message: 'Update 3 files',
    },
    {
      changes: [ch('.nvmrc', 'added'), ch('/environmentSpec', 'added')],
      summary: '2 changes: 2 added, 0 modified, 0 deleted. Paths: .nvmrc, /environmentSpec.',
      message: 'Update 1 file and environment spec',
    },
    {
      changes: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((p) => ch(p, 'added')),
      summary: '7 changes: 7 added, 0 modified, 0 deleted. Paths: a, b, c, d, e, and 2 more.',
      message: 'Update 7 files',
    },
  ])('$message / $summary', ({ changes, summary, message }) => {
    const result = summarizeChanges(changes);
    expect(result.summary).toBe(summary);
    expect(result.suggestedMessage).toBe(message);
  });

  it('counts every kind and the total', () => {
    const changes = [ch('/environmentSpec', 'deleted'), ch('a', 'added'), ch('b', 'added'), ch('c', 'modified'), ch('d', 'deleted')];
    expect(summarizeChanges(changes).stats).toEqual({ added: 2, modified: 1, deleted: 2, total: 5 });
    expect(summarizeChanges([]).stats).toEqual({ added: 0, modified: 0, deleted: 0, total: 0 });
  });

  it('words single changes and the spec among many', () => {
    expect(summarizeChanges([ch('src/login.tsx', 'modified')]).suggestedMessage).toBe('Update src/login.tsx');
    expect(summarizeChanges([ch('old.txt', 'deleted')]).suggestedMessage).toBe('Delete old.txt');
    expect(summarizeChanges([ch('/environmentSpec', 'added')]).suggestedMessage).toBe('Add environment spec');
    expect(summarizeChanges([ch('/environmentSpec', 'deleted')]).suggestedMessage).toBe('Delete environment spec');
    const three = [ch('/environmentSpec', 'added'), ch('a', 'added'), ch('b', 'deleted')];
    expect(summarizeChanges(three).suggestedMessage).toBe('Update 2 files and environment spec');
  });

  it('names exactly five paths before "and n more" and is deterministic', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => ch(p, 'modified'));
    expect(summarizeChanges(six).summary).toBe('6 changes: 0 added, 6 modified, 0 deleted. Paths: a, b, c, d, e, and 1 more.');
    const five = six.slice(0, 5);
    expect(summarizeChanges(five).summary).toBe('5 changes: 0 added, 5 modified, 0 deleted. Paths: a, b, c, d, e.');
    expect(summarizeChanges(six)).toEqual(summarizeChanges([...six]));
  });
});
