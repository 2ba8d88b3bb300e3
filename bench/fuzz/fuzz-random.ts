/**
 * The campaign's randomness: one small PRNG (mulberry32) seeded per request from (seed, index),
 * so request i of a seed is the same bytes whatever ran before it: `--replay i` sends just that one.
 */
import { seededRandom } from '../../mock/app/faults.js';

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
  const next = seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number], chance: (p) => next() < p };
}
