/**
 * Loads several targets with one workload, fairly: each is warmed up, then the measured time is
 * split into rounds that visit the targets in turn, so a noisy neighbour or a slow drift of the
 * machine spreads over all of them instead of spoiling one.
 */
import type { LoadResult, LoadRun, LoadTarget } from './run-load.js';
import { runLoad, summarizeRuns, warmUp } from './run-load.js';

/** How long to load each target. */
export interface CompareSettings {
  readonly warmupSeconds: number;
  /** Measured seconds per target, over all rounds. */
  readonly durationSeconds: number;
  readonly rounds: number;
  /** Called before each step, for progress output. */
  readonly onStep?: (message: string) => void;
}

/** A target that could not be loaded is `null`, with the reason in `errors`. */
export interface Comparison {
  readonly results: Readonly<Record<string, LoadResult | null>>;
  readonly errors: readonly string[];
}

/** Warms up every target, then measures them in interleaved rounds. */
export async function compareTargets(targets: Readonly<Record<string, LoadTarget>>, settings: CompareSettings): Promise<Comparison> {
  const names = Object.keys(targets);
  const runs = new Map<string, LoadRun[]>(names.map((name) => [name, []]));
  const failed = new Map<string, string>();
  const step = async (name: string, what: string, work: (target: LoadTarget) => Promise<void>): Promise<void> => {
    const target = targets[name];
    if (!target || failed.has(name)) return;
    settings.onStep?.(`${name}: ${what}`);
    try {
      await work(target);
    } catch (error) {
      failed.set(name, error instanceof Error ? error.message : String(error));
    }
  };
  for (const name of names) await step(name, `warm-up ${settings.warmupSeconds} s`, (t) => warmUp(t, settings.warmupSeconds));
  const seconds = settings.durationSeconds / settings.rounds;
  for (let round = 1; round <= settings.rounds; round += 1) {
    for (const name of names) {
      await step(name, `round ${round}/${settings.rounds}, ${seconds} s`, async (t) => {
        runs.get(name)?.push(await runLoad(t, seconds));
      });
    }
  }
  const results: Record<string, LoadResult | null> = {};
  for (const name of names) results[name] = failed.has(name) ? null : summarizeRuns(runs.get(name) ?? []);
  return { results, errors: [...failed].map(([name, message]) => `${name}: ${message}`) };
}
