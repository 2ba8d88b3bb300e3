// Check 6: the error-code table of contract/README.md (§6) and every "<status> <code>" the README
// mentions agree with ERROR_CODES (contract/src/error-codes.ts) and the document's ErrorCode enum.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../index.js';
import { deref, readContract } from './contract-document.js';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const TABLE_HEADER = '| code | status | When |';

/** `code → status` rows of the README's error table, in README order (duplicates kept). */
function readmeErrorTable(text: string): [string, number][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === TABLE_HEADER);
  if (start < 0) throw new Error(`README has no table headed ${TABLE_HEADER}`);
  const rows: [string, number][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [, code = '', status = ''] = line.split('|').map((cell) => cell.trim());
    const codeMatch = /^`([a-z-]+)`$/.exec(code);
    if (!codeMatch?.[1] || !/^\d{3}$/.test(status)) throw new Error(`unreadable error-table row: ${line}`);
    rows.push([codeMatch[1], Number(status)]);
  }
  return rows;
}

const table = readmeErrorTable(README);
const codeTable = Object.entries(ERROR_CODES).map(([code, { status }]): [string, number] => [code, status]);

describe('README error-code table', () => {
  it('lists each code once', () => {
    expect(table.length).toBeGreaterThan(0);
    expect(new Set(table.map(([code]) => code)).size).toBe(table.length);
  });

  it('has every code of ERROR_CODES with its status', () => {
    const readme = new Map(table);
    expect(codeTable.filter(([code, status]) => readme.get(code) !== status)).toEqual([]);
  });

  it('has no code or status that ERROR_CODES lacks', () => {
    const codes = new Map(codeTable);
    expect(table.filter(([code, status]) => codes.get(code) !== status)).toEqual([]);
  });

  it('follows the order of ERROR_CODES (grouped by status)', () => {
    expect(table.map(([code]) => code)).toEqual(codeTable.map(([code]) => code));
  });

  it('names exactly the codes of the document ErrorCode enum', () => {
    const doc = readContract();
    const schema = deref(doc, { $ref: '#/components/schemas/ErrorCode' });
    expect(table.map(([code]) => code).sort()).toEqual([...(schema.enum as string[])].sort());
  });

  it('gives the same status wherever the README mentions "<status> <code>" in prose', () => {
    const codes = new Map(codeTable);
    const mentions = [...README.matchAll(/\b([1-5]\d\d)`?\s+`?([a-z]+(?:-[a-z]+)+)\b/g)].map(
      ([, status = '', code = '']) => [code, Number(status)] as const,
    );
    expect(mentions.length).toBeGreaterThan(20);
    expect(mentions.filter(([code, status]) => codes.get(code) !== status).map(([code, status]) => `${status} ${code}`)).toEqual([]);
  });
});
