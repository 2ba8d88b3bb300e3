/**
 * The campaign's randomness: one small PRNG (mulberry32) seeded per request from (seed, index),
 * so request i of a seed is the same bytes whatever ran before it: `--replay i` sends just that one.
 */

/** A source of random choices for one request. */
export interface FuzzRandom {
  /** A float in [0, 1). */
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The PRNG for request `index` of campaign `seed`. */
export function randomFor(seed: number, index: number): FuzzRandom {
  // Mix the two numbers so neighbouring indexes start far apart (splitmix-style constants).
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number], chance: (p) => next() < p };
}
