import { describe, expect, test } from 'vitest';
import { formatShard, inShard, parseShard, shardRunCount, shardRuns } from './shard.js';

describe('shard arithmetic', () => {
  test.each([['1/1', 1, 1], ['2/4', 2, 4], [' 4/4 ', 4, 4], ['10/12', 10, 12]])('parses %j', (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count });
  });

  test.each(['0/3', '4/3', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', '', '1/'])('refuses %j', (text) => {
    expect(parseShard(text)).toEqual({ usage: expect.stringContaining('--shard must be i/n') as unknown });
  });

  test('run k belongs to shard (k mod n) + 1', () => {
    expect(shardRuns(12, { index: 1, count: 3 })).toEqual([0, 3, 6, 9]);
    expect(shardRuns(12, { index: 3, count: 3 })).toEqual([2, 5, 8, 11]);
    expect(shardRuns(5, { index: 2, count: 4 })).toEqual([1]);
    expect(shardRuns(1, { index: 2, count: 2 })).toEqual([]);
    expect(inShard(7, { index: 2, count: 3 })).toBe(true);
    expect(inShard(7, { index: 1, count: 3 })).toBe(false);
  });

  test('the shards of a profile are disjoint and make the whole of it, for every split', () => {
    for (const total of [0, 1, 7, 12, 400, 1500]) {
      for (const count of [1, 2, 3, 5, 8, 13]) {
        const all = Array.from({ length: count }, (_, i) => shardRuns(total, { index: i + 1, count })).flat();
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, k) => k));
        for (let index = 1; index <= count; index += 1) {
          const shard = { index, count };
          expect(shardRunCount(total, shard)).toBe(shardRuns(total, shard).length);
          expect(shardRuns(total, shard).every((k) => inShard(k, shard))).toBe(true);
        }
      }
    }
  });

  test('formats as i/n', () => {
    expect(formatShard({ index: 2, count: 5 })).toBe('2/5');
  });
});
