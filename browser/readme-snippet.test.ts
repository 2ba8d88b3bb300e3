// README.md quotes follow-events.ts, the reader the browser test runs: the documented pattern and the tested one must not drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README "Events" browser snippet', () => {
  it('is follow-events.ts between its snippet markers, verbatim', () => {
    const source = read('./follow-events.ts');
    const snippet = source.split('// README snippet starts\n')[1]?.split('// README snippet ends\n')[0];
    expect(snippet).toMatch(/^\/\*\* .*\nexport async function follow\(/);
    expect(read('../README.md')).toContain(`\`\`\`ts\n${snippet ?? ''}\`\`\`\n`);
  });
});
