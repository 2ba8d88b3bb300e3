/**
 * The base of every model-based command: skip when the model has diverged, turn the model's own
 * id checks into invariant violations (through the command's table), and let a skipped invariant
 * end the run quietly.
 */
import type fc from 'fast-check';
import type { Blames } from './blames.js';
import { SkippedViolation } from '../invariants/violation.js';
import { ModelViolation } from '../model/outcome.js';
import { observeEvents } from './observe-events.js';
import { liveSession, type SuiteModel, type SuiteReal } from './suite-model.js';

/** A command of the suite: `toString` prints a readable, replayable step. */
export abstract class SuiteCommand implements fc.AsyncCommand<SuiteModel, SuiteReal, boolean> {
  /** Whether the command makes sense in this model state (beyond "the run has not diverged"). */
  protected abstract applies(model: Readonly<SuiteModel>): boolean;
  /** Sends the request(s), updates the model, judges the answer and observes the state. */
  protected abstract execute(model: SuiteModel, real: SuiteReal): Promise<void>;
  abstract toString(): string;
  /** Whether the events of this step may come in any order (a race). */
  protected readonly eventsUnordered: boolean = false;
  /**
   * The command's check → id table (see `blames.ts`): every check it makes and the invariant its
   * failure reports. `reusedIds` is read here; the rest is what `command-blames.e2e.test.ts` holds
   * the command to.
   */
  abstract readonly blames: Blames;

  check(model: Readonly<SuiteModel>): boolean {
    return !model.diverged && this.applies(model);
  }

  async run(model: SuiteModel, real: SuiteReal): Promise<void> {
    model.log.push(this.toString());
    // Ids checked new by the steps before this one (a composite's parts count their own).
    model.store.takeFreshIds();
    try {
      await this.execute(model, real);
      // Every server id checked new is one check of the rule a reused one would break here.
      for (const [kind, times] of model.store.takeFreshIds()) real.ctx.selection.count(this.blames.reusedIds[kind], times);
      await observeEvents(model, real, this.eventsUnordered);
    } catch (error) {
      if (error instanceof SkippedViolation) {
        model.diverged = true;
        return;
      }
      if (error instanceof ModelViolation) {
        try {
          // The id kind names the rule in this step: a reused revision is a merge's fault in a
          // merge, a restore's in a restore; a reused session id a create's or a fork's.
          real.ctx.selection.violate(this.blames.reusedIds[error.kind], `${this.toString()}: ${error.message}`);
        } catch (converted) {
          if (converted instanceof SkippedViolation) {
            model.diverged = true;
            return;
          }
          throw converted;
        }
      }
      throw error;
    }
  }
}

/** A command on one live session of the run (`s<i>`): most steps are. */
export abstract class SessionCommand extends SuiteCommand {
  constructor(readonly session: number) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.session);
  }

  /** The server's id of the session this step acts on. */
  protected sessionId(model: Readonly<SuiteModel>): string {
    return model.sessions[this.session] as string;
  }
}

/** `s<i>` for a session label. */
export function sLabel(index: number): string {
  return `s${index}`;
}

/** `c<i>` for a checkpoint label. */
export function cLabel(index: number): string {
  return `c${index}`;
}
