/**
 * One suite run: fast-check generates command sequences, `fc.asyncModelRun` plays each against
 * the server and the model, and the last (shrunk) failure is kept with its step list and HTTP
 * trace. Results are data; nothing here prints.
 */
import fc from 'fast-check';
import type { Exchange } from '../http/exchange.js';
import type { HttpClient } from '../http/http-client.js';
import { InvariantViolation, type ViolationData } from '../invariants/violation.js';
import { commandArbitraries, createArb } from './command-arbitraries.js';
import { ForkCommand } from './commands/fork-session.js';
import type { SuiteContext } from './suite-context.js';
import { newRun, type SuiteModel } from './suite-model.js';
import { shardRunCount, shardRuns, type Shard } from '../cli/shard.js';

/** How much to generate. */
export interface RunOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxCommands: number;
  /** fast-check's replay path (with the same seed: the failing case straight away). */
  readonly path?: string;
  /** Stop shrinking after this long (ms); the best reduction so far is reported. */
  readonly timeLimitMs?: number;
  /** Called after every run (progress display). */
  readonly onRun?: (done: number, total: number) => void;
  /** Make only this shard's runs of the `runs` (run k belongs to shard (k mod count) + 1). */
  readonly shard?: Shard;
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
  readonly runs: number;
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

/** Runs the model-based suite against the server behind `client`. */
export async function runSuite(client: HttpClient, ctx: SuiteContext, options: RunOptions): Promise<SuiteResult> {
  const coverage = new Map<string, number>();
  const planned = options.shard ? shardRunCount(options.runs, options.shard) : options.runs;
  let exchanges = 0;
  let commands = 0;
  let runsDone = 0;
  let trace: Exchange[] = [];
  let last: { error: unknown; steps: string[]; trace: Exchange[] } | null = null;
  const stop = client.listen((exchange) => {
    exchanges += 1;
    trace.push(exchange);
    const key = `${exchange.operationId ?? 'unmatched'} ${exchange.response.status}`;
    coverage.set(key, (coverage.get(key) ?? 0) + 1);
  });
  const property = fc.asyncProperty(createArb, fc.commands(commandArbitraries(), { maxCommands: options.maxCommands, size: 'max' }), async (first, cmds) => {
    let model: SuiteModel | undefined;
    trace = [];
    const setup = (): ReturnType<typeof newRun> => {
      const run = newRun(ctx);
      model = run.model;
      return run;
    };
    try {
      // Every run starts with a session and a fork of it, so the generated steps have related
      // sessions to diverge, merge and compare from the first step on.
      await fc.asyncModelRun(setup, [first, new ForkCommand(0, null), ...cmds]);
    } catch (error) {
      last = { error, steps: [...(model?.log ?? [])], trace };
      throw error;
    } finally {
      commands += model?.log.length ?? 0;
      runsDone += 1;
      options.onRun?.(Math.min(runsDone, planned), planned);
    }
  });
  const started = performance.now();
  const details = options.shard ? await checkShard(property, options, options.shard) : await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path ? { path: options.path } : {}),
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  });
  stop();
  const durationMs = performance.now() - started;
  let failure: SuiteFailure | null = null;
  const caught = last as { error: unknown; steps: string[]; trace: Exchange[] } | null;
  if (details.failed && caught) {
    const error = caught.error;
    failure = {
      violation: error instanceof InvariantViolation ? error.data : { invariant: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
      steps: caught.steps,
      seed: details.seed,
      path: details.counterexamplePath,
      trace: caught.trace,
      numShrinks: details.numShrinks,
    };
  }
  return { passed: !details.failed, seed: details.seed, runs: details.numRuns, commands, exchanges, durationMs, interrupted: details.interrupted, coverage, checks: ctx.selection.checkCounts(), failure };
}

/** What the shard loop reports, as fast-check's run details do. */
type ShardDetails = Pick<fc.RunDetails<unknown>, 'failed' | 'seed' | 'numRuns' | 'interrupted' | 'counterexamplePath' | 'numShrinks'>;

/**
 * MINIMAL shard loop, to be replaced by the concurrent runner: plays the shard's runs in order,
 * each alone (`path: String(r)` with `numRuns: 1` replays exactly run r of the whole sequence),
 * and stops at the first failure, which is then the shard's lowest-numbered failing run.
 */
async function checkShard(property: fc.IAsyncProperty<[unknown, unknown]>, options: RunOptions, shard: Shard): Promise<ShardDetails> {
  const deadline = options.timeLimitMs ? performance.now() + options.timeLimitMs : Infinity;
  let numRuns = 0;
  for (const r of shardRuns(options.runs, shard)) {
    const left = Math.ceil(deadline - performance.now());
    if (left <= 0) return { failed: false, seed: options.seed, numRuns, interrupted: true, counterexamplePath: null, numShrinks: 0 };
    const details = await fc.check(property, { seed: options.seed, path: String(r), numRuns: 1, ...(Number.isFinite(left) ? { interruptAfterTimeLimit: left } : {}) });
    numRuns += details.numRuns;
    if (details.failed || details.interrupted) return { ...details, numRuns };
  }
  return { failed: false, seed: options.seed, numRuns, interrupted: false, counterexamplePath: null, numShrinks: 0 };
}
