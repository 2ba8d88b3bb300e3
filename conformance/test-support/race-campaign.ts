/**
 * Test-only: runs made of race steps (after the usual `create` and `fork(s0)`, with a fork or a
 * write now and then so merges have history), to show a server passes many races without a false
 * alarm, and to count how the races ended.
 */
import fc from 'fast-check';
import { InvariantSelection } from '../invariants/selection.js';
import { connect } from '../mbt/connect.js';
import { createArb } from '../mbt/command-arbitraries.js';
import { ForkCommand } from '../mbt/commands/fork-session.js';
import { WriteFileCommand } from '../mbt/commands/write-file.js';
import { raceArb } from '../mbt/race/race-arbitrary.js';
import { fileArb } from '../mbt/arbitraries.js';
import { newRun, type SuiteModel } from '../mbt/suite-model.js';
import type { SuiteCommand } from '../mbt/suite-command.js';
import { DEMO_TOKENS } from './start-mock.js';

/** What a campaign did. */
export interface RaceCampaign {
  /** Race steps that ran to the end (checked). */
  readonly races: number;
  /** Races in which at least one request was refused (412, 404, 409…): the interesting ones. */
  readonly withRefusal: number;
  /** HTTP exchanges, observation included. */
  readonly exchanges: number;
  /** The first failure's message, or null. */
  readonly failure: string | null;
  readonly steps: readonly string[];
}

/** Runs `runs` runs of up to `steps` race steps each against `baseUrl`. */
export async function raceCampaign(baseUrl: string, seed: number, runs: number, steps: number, selection = new InvariantSelection()): Promise<RaceCampaign> {
  const { client, ctx } = await connect({ baseUrl, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection });
  let races = 0;
  const refusedSteps = new Set<number>();
  let model: SuiteModel | undefined;
  let exchanges = 0;
  const stop = client.listen((ex) => {
    exchanges += 1;
    const step = (model?.log.length ?? 0) - 1;
    if (ex.response.status >= 400 && ex.request.method !== 'GET' && model?.log[step]?.startsWith('race(')) refusedSteps.add(step);
  });
  let withRefusal = 0;
  const others: fc.Arbitrary<SuiteCommand> = fc.oneof(
    fc.nat({ max: 1 }).map((s) => new ForkCommand(s, null)),
    fc.tuple(fc.nat({ max: 2 }), fileArb).map(([s, f]) => new WriteFileCommand(s, f.path, f.content, 'none')),
  );
  let failure: string | null = null;
  let failedSteps: string[] = [];
  try {
    await fc.assert(fc.asyncProperty(createArb, fc.commands([raceArb, raceArb, raceArb, raceArb, raceArb, others], { maxCommands: steps, size: 'max' }), async (first, cmds) => {
      refusedSteps.clear();
      try {
        await fc.asyncModelRun(() => { const run = newRun(ctx); model = run.model; return run; }, [first, new ForkCommand(0, null), ...cmds]);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        failedSteps = [...(model?.log ?? [])];
        throw error;
      } finally {
        races += model?.log.filter((step) => step.startsWith('race(')).length ?? 0;
        withRefusal += refusedSteps.size;
      }
    }), { seed, numRuns: runs, endOnFailure: true });
  } catch {
    // The failure is returned as data.
  } finally {
    stop();
    await client.close();
  }
  return { races, withRefusal, exchanges, failure, steps: failedSteps };
}
