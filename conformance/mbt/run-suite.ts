/**
 * One suite run: fast-check generates command sequences, `fc.asyncModelRun` plays each against
 * the server and the model, and the failure of the lowest-numbered failing run is kept, shrunk,
 * with its step list and HTTP trace. Results are data; nothing here prints.
 *
 * Runs play concurrently (`concurrency` in flight): run r of the profile is played alone as
 * `fc.check(property, { seed, path: "r", numRuns: 1 })`, which generates exactly the value the
 * r-th run of one sequential `fc.check` would, and shrinks it the same way. So the report does not
 * depend on the concurrency: the failure reported is the lowest-numbered failing run's, and its
 * seed and path replay it alone.
 */
import fc from 'fast-check';
import type { Exchange } from '../http/exchange.js';
import type { HttpClient } from '../http/http-client.js';
import { InvariantViolation, SkippedViolation, type ViolationData } from '../invariants/violation.js';
import { commandArbitraries, createArb } from './command-arbitraries.js';
import { ForkCommand } from './commands/fork-session.js';
import { sweepAll } from './observe.js';
import { sweepEvents } from './observe-events.js';
import { sweepCache } from './sweep-cache.js';
import { RunScope } from './run-scope.js';
import type { SuiteContext } from './suite-context.js';
import { newRun } from './suite-model.js';
import { shardRuns, type Shard } from '../cli/shard.js';

/** How much to generate. */
export interface RunOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxCommands: number;
  /** fast-check's replay path (with the same seed: the failing case straight away). */
  readonly path?: string;
  /** Stop starting runs, and stop shrinking, after this long (ms); the best reduction so far is reported. */
  readonly timeLimitMs?: number;
  /** Runs in flight at once (default 1). Each run has its own sessions. */
  readonly concurrency?: number;
  /** Play only this shard's runs of the `runs` (run r belongs to shard (r mod count) + 1). */
  readonly shard?: Shard;
  /** Called after every run (progress display). */
  readonly onRun?: (done: number, total: number) => void;
}

/** A failure, shrunk. `violation.invariant` is `error` for an unexpected exception. */
export interface SuiteFailure {
  readonly violation: ViolationData | { readonly invariant: 'error'; readonly message: string };
  readonly steps: readonly string[];
  readonly seed: number;
  readonly path: string | null;
  readonly trace: readonly Exchange[];
  readonly numShrinks: number;
}

/** The outcome of a suite run. */
export interface SuiteResult {
  readonly passed: boolean;
  readonly seed: number;
  /** Runs made: all of them, or up to the failing one, or fewer when the time limit stopped the run. */
  readonly runs: number;
  /** Runs planned (the profile's, or this shard's share of them). */
  readonly plannedRuns: number;
  readonly commands: number;
  readonly exchanges: number;
  readonly durationMs: number;
  readonly interrupted: boolean;
  /** `operationId status` → count, for coverage. */
  readonly coverage: ReadonlyMap<string, number>;
  /** Invariant id → how many times it was checked (absent: never, "not exercised"). */
  readonly checks: ReadonlyMap<string, number>;
  readonly failure: SuiteFailure | null;
}

/** What one played run left behind: its failure (after shrinking) or none. */
interface RunOutcome {
  readonly index: number;
  readonly details: Pick<fc.RunDetails<unknown>, 'failed' | 'interrupted' | 'seed' | 'counterexample' | 'counterexamplePath' | 'numShrinks' | 'errorInstance'>;
  readonly caught: { error: unknown; steps: string[]; trace: Exchange[] } | null;
}

/** The run indices a plan plays, in order. */
export function plannedIndices(runs: number, shard?: Shard): number[] {
  return shard ? shardRuns(runs, shard) : Array.from({ length: runs }, (_, r) => r);
}

/**
 * A reported path is fast-check's counterexample path, then `@` and the commands' replay log when
 * shrinking dropped commands that never ran (fast-check needs both to walk back to the case).
 */
function parseReplay(path: string): { path: string; commands: string | null } {
  const at = path.indexOf('@');
  return at < 0 ? { path, commands: null } : { path: path.slice(0, at), commands: path.slice(at + 1) };
}

/** The commands' replay log of a counterexample (fast-check prints it as `/*replayPath="…"*\/`). */
function commandsReplayLog(counterexample: unknown): string | null {
  const value = Array.isArray(counterexample) ? (counterexample[0] as unknown[] | undefined)?.[1] : undefined;
  const match = /replayPath="([^"]*)"/.exec(String(value));
  return match?.[1] ? match[1] : null;
}

/** The path a failure reports: replays the shrunk case alone with the same seed. */
function reportedPath(details: RunOutcome['details']): string | null {
  if (details.counterexamplePath === null) return null;
  const log = commandsReplayLog(details.counterexample);
  return log === null ? details.counterexamplePath : `${details.counterexamplePath}@${log}`;
}

/** The path's run index (its first segment), for a replay. */
function pathRun(path: string): number {
  const first = Number(path.split(':')[0]);
  return Number.isInteger(first) && first >= 0 ? first : 0;
}

/** Runs the model-based suite against the server behind `client`. */
export async function runSuite(client: HttpClient, ctx: SuiteContext, options: RunOptions): Promise<SuiteResult> {
  const coverage = new Map<string, number>();
  let exchanges = 0;
  let commands = 0;
  const stop = client.listen((exchange) => {
    exchanges += 1;
    const key = `${exchange.operationId ?? 'unmatched'} ${exchange.response.status}`;
    coverage.set(key, (coverage.get(key) ?? 0) + 1);
  });
  const replay = options.path === undefined ? null : parseReplay(options.path);
  const indices = replay ? [pathRun(replay.path)] : plannedIndices(options.runs, options.shard);
  let lowestFailure = Infinity;

  /** Plays run `index` (and shrinks it on failure). */
  const play = async (index: number, timeLimitMs: number | undefined): Promise<RunOutcome> => {
    let caught: RunOutcome['caught'] = null;
    // A fresh arbitrary per run: fast-check's commands arbitrary keeps its shrinking's replay log
    // in itself, so runs shrinking side by side must not share one.
    const generated = fc.commands(commandArbitraries(), { maxCommands: options.maxCommands, size: 'max', ...(replay?.commands ? { replayPath: replay.commands } : {}) });
    const property = fc.asyncProperty(fc.tuple(createArb, generated), async ([first, cmds]) => {
      // A higher-numbered run than a known failure is not reported: let its shrinking end at once.
      if (index > lowestFailure) return;
      const scope = new RunScope(client);
      const run = newRun(scope.bind(ctx));
      const steps = [first, new ForkCommand(0, null), ...cmds];
      let sweeping = false;
      try {
        // Every run starts with a session and a fork of it, so the generated steps have related
        // sessions to diverge, merge and compare from the first step on.
        await fc.asyncModelRun(() => run, steps);
        if (!run.model.diverged) {
          sweeping = true;
          await sweepAll(run.model, run.real);
          await sweepEvents(run.model, run.real);
          await sweepCache(run.model, run.real);
        }
      } catch (thrown) {
        if (thrown instanceof SkippedViolation) return;
        // The sweep is an observation after the last step, not a step: its failures say so.
        const error = sweeping && thrown instanceof InvariantViolation ? new InvariantViolation({ ...thrown.data, message: `end-of-run sweep: ${thrown.data.message}` }) : thrown;
        // Stop the lanes from starting later runs while this one shrinks.
        if (index < lowestFailure) lowestFailure = index;
        caught = { error, steps: [...run.model.log], trace: scope.exchanges };
        throw error;
      } finally {
        commands += run.model.log.length;
      }
    });
    const details = await fc.check(property, {
      seed: options.seed,
      numRuns: 1,
      path: replay?.path ?? String(index),
      ...(timeLimitMs !== undefined ? { interruptAfterTimeLimit: Math.max(1, timeLimitMs) } : {}),
    });
    return { index, details, caught };
  };

  const started = performance.now();
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;
  const outcomes: RunOutcome[] = [];
  let next = 0;
  let timedOut = false;
  const lane = async (): Promise<void> => {
    for (;;) {
      const index = indices[next];
      if (index === undefined || index > lowestFailure) return;
      const left = deadline - performance.now();
      if (left <= 0) {
        timedOut = true;
        return;
      }
      next += 1;
      const outcome = await play(index, Number.isFinite(left) ? left : undefined);
      outcomes.push(outcome);
      options.onRun?.(outcomes.length, indices.length);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, indices.length));
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  stop();
  const durationMs = performance.now() - started;

  const failing = outcomes.filter((o) => o.details.failed && o.index === lowestFailure)[0];
  const made = outcomes.filter((o) => o.index <= lowestFailure).length;
  let failure: SuiteFailure | null = null;
  if (failing) {
    const caught = failing.caught;
    const error = caught?.error ?? failing.details.errorInstance;
    failure = {
      violation: error instanceof InvariantViolation ? error.data : { invariant: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
      steps: caught?.steps ?? [],
      seed: failing.details.seed,
      path: reportedPath(failing.details),
      trace: caught?.trace ?? [],
      numShrinks: failing.details.numShrinks,
    };
  }
  const interrupted = timedOut || outcomes.some((o) => o.details.interrupted);
  return { passed: failure === null, seed: options.seed, runs: made, plannedRuns: indices.length, commands, exchanges, durationMs, interrupted, coverage, checks: ctx.selection.checkCounts(), failure };
}
