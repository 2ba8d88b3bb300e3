/** Named sizes of a run: `quick` for a laptop loop, `ci` for pipelines, `certified` for vendors. */

/** How much a profile generates. */
export interface Profile {
  readonly runs: number;
  readonly maxCommands: number;
  /** Time budget (ms) after which fast-check stops (shrinking included). */
  readonly timeLimitMs: number;
  /** Runs in flight at once (`--concurrency`). */
  readonly concurrency: number;
}

/** The range `--concurrency` accepts. */
export const CONCURRENCY_LIMITS = { min: 1, max: 64 } as const;

/** The profiles by name. */
export const PROFILES = {
  quick: { runs: 25, maxCommands: 20, timeLimitMs: 20_000, concurrency: 8 },
  ci: { runs: 400, maxCommands: 30, timeLimitMs: 55_000, concurrency: 8 },
  certified: { runs: 1500, maxCommands: 40, timeLimitMs: 600_000, concurrency: 8 },
} as const satisfies Record<string, Profile>;

/** A profile name. */
export type ProfileName = keyof typeof PROFILES;
