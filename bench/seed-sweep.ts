/**
 * A false-alarm campaign: the `ci` profile against the mock on many seeds. The mock is the
 * reference implementation, so every violation it reports is a bug of the suite (or of the mock)
 * and fails the campaign. `npm run sweep:seeds` runs 20 seeds; CI runs a few, smaller, as a test.
 */
import { PROFILES, type ProfileName } from '../conformance/cli/profiles.js';
import { INVARIANTS } from '../conformance/invariants/catalogue.js';
import { InvariantSelection } from '../conformance/invariants/selection.js';
import { connect } from '../conformance/mbt/connect.js';
import { runSuite } from '../conformance/mbt/run-suite.js';

/** One seed's outcome. */
export interface SeedOutcome {
  readonly seed: number;
  readonly passed: boolean;
  readonly runs: number;
  readonly plannedRuns: number;
  readonly commands: number;
  readonly seconds: number;
  /** The invariant, message and shrunk steps of a false alarm. */
  readonly alarm: string | null;
  /** Invariants the seed never checked (a certified run would be incomplete with any). */
  readonly notExercised: readonly string[];
}

/** Where the server is and how much to run per seed. */
export interface SweepOptions {
  readonly baseUrl: string;
  readonly tokens: { readonly token: string; readonly viewerToken: string; readonly otherTenantToken: string };
  readonly profile: ProfileName;
  /** Fewer runs per seed than the profile's (CI's smaller campaign). */
  readonly runs?: number;
  readonly onSeed?: (outcome: SeedOutcome) => void;
}

/**
 * Runs the profile once per seed against the server; results only, nothing printed. No time
 * limit: a campaign makes every run, however busy the machine.
 */
export async function sweepSeeds(seeds: readonly number[], options: SweepOptions): Promise<SeedOutcome[]> {
  const profile = PROFILES[options.profile];
  const outcomes: SeedOutcome[] = [];
  for (const seed of seeds) {
    const { client, ctx } = await connect({ baseUrl: options.baseUrl, ...options.tokens, selection: new InvariantSelection(), concurrency: profile.concurrency });
    try {
      const started = performance.now();
      const result = await runSuite(client, ctx, { seed, runs: options.runs ?? profile.runs, maxCommands: profile.maxCommands, concurrency: profile.concurrency });
      const f = result.failure;
      const outcome: SeedOutcome = {
        seed, passed: result.passed, runs: result.runs, plannedRuns: result.plannedRuns, commands: result.commands, seconds: (performance.now() - started) / 1000,
        notExercised: INVARIANTS.map((i) => i.id).filter((id) => (result.checks.get(id) ?? 0) === 0),
        alarm: f ? `${f.violation.invariant}: ${f.violation.message}\n    steps: ${f.steps.join(' ; ')}\n    replay: --seed ${f.seed} --path '${f.path ?? ''}'` : null,
      };
      outcomes.push(outcome);
      options.onSeed?.(outcome);
    } finally {
      await client.close();
    }
  }
  return outcomes;
}
