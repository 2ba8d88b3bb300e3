/**
 * Shard arithmetic for `run --shard i/n`: run k (0-based) of a profile belongs to shard
 * (k mod n) + 1, so shards of one seed are disjoint and together make the whole profile, and every
 * shard gets a spread of early and late runs (the same share of each, whatever n is).
 */

/** One shard of a profile's runs: `index` of `count`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); a usage message otherwise. */
export function parseShard(text: string): Shard | { usage: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const usage = { usage: `--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), not ${JSON.stringify(text)}` };
  if (!match) return usage;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) return usage;
  return { index, count };
}

/** Whether run `k` (0-based) of the profile belongs to the shard. */
export function inShard(k: number, shard: Shard): boolean {
  return k % shard.count === shard.index - 1;
}

/** The shard's run indices (0-based, ascending) among `totalRuns`. */
export function shardRuns(totalRuns: number, shard: Shard): number[] {
  const runs: number[] = [];
  for (let k = shard.index - 1; k < totalRuns; k += shard.count) runs.push(k);
  return runs;
}

/** How many of `totalRuns` the shard makes. */
export function shardRunCount(totalRuns: number, shard: Shard): number {
  return totalRuns < shard.index ? 0 : Math.floor((totalRuns - shard.index) / shard.count) + 1;
}

/** `i/n`. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
