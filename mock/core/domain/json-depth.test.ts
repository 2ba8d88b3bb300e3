import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from './json-depth.js';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('nestedDeeperThan', () => {
  it('counts the value itself as level 1, through objects and arrays alike', () => {
    expect(nestedDeeperThan({ a: [{ b: [] }] }, 4)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: [] }] }, 3)).toBe(true);
    expect(nestedDeeperThan(nested(32), 32)).toBe(false);
    expect(nestedDeeperThan(nested(33), 32)).toBe(true);
  });

  it('takes scalars as depth 0 and never overflows the stack', () => {
    expect(nestedDeeperThan('text', 1)).toBe(false);
    expect(nestedDeeperThan(null, 1)).toBe(false);
    expect(nestedDeeperThan(nested(200_000), 512)).toBe(true);
  });
});
