import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

describe('generated types', () => {
  it('match the document (run `npm run gen:types` after changing contract/openapi.yaml)', async () => {
    const source = new URL('./openapi.yaml', import.meta.url);
    // As `npm run gen:types` runs it: a `default` makes a field optional, not required (all three are request fields).
    const fresh = astToString(await openapiTS(source, { defaultNonNullable: false }));
    const committed = readFileSync(fileURLToPath(new URL('./generated/openapi.d.ts', import.meta.url)), 'utf8');
    // The CLI adds a banner comment; compare the declarations themselves.
    const strip = (text: string): string => text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();
    expect(strip(committed)).toBe(strip(fresh));
  });
});
