/**
 * `race(s0: write a="2\n" if-match=current | fork)`: 2–4 requests sent at once, then the check
 * that some order of them, run through the model one at a time, explains every answer and the
 * state read afterwards (linearizability). The order that fits becomes the model; when none
 * does, the step reports the answers, each order tried and its first mismatch.
 */
import { InvariantSelection } from '../../invariants/selection.js';
import type { Exchange } from '../../http/exchange.js';
import { canonicalJson } from '../../model/environment-spec.js';
import { detailView } from '../../model/session-state.js';
import { firstMismatch, applyOrder, permutations, tryOrder, verdict, type Mismatch, type OrderTrial } from '../race/linearize.js';
import { opSessions, opText, type OpExtra, type PreparedOp, type RaceOp, type Verdict } from '../race/race-op.js';
import { prepareOp } from '../race/prepare-op.js';
import { observeAll, observeSession } from '../observe.js';
import { nextKey } from '../step-helpers.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import type { InvariantId } from '../../invariants/catalogue.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/** The rules a session the race touched is read against (each op's `primary`, a merge source, a new fork). */
const RACE_STATE_ROLES: readonly InvariantId[] = ['content.read-your-writes', 'etag.stale-if-match', 'lineage.fork-snapshot', 'idempotency.replay', 'lineage.checkpoint-immutable', 'commit.clears-changes', 'merge.soundness', 'merge.fast-forward', 'merge.source-untouched', 'session.delete-final', 'tags.set-semantics', 'content.environment-spec'];

/**
 * Check → id of a race: no order explaining the answers is `concurrency.linearizable`, unless a
 * request sent again alone breaks its rule there too; when every order that explains the answers
 * finds one session wrong on the same check, that check's id (the single-request step's, by the
 * role of the session: each op kind's target, a merge source, a new fork). A reused id in an
 * answer is named by the table of the op that saw it (`RACE_REUSED_IDS`).
 */
export const RACE_BLAMES = blameTable({
  'no order explains the answers and the state': 'concurrency.linearizable',
  'control: a guarded request alone with a stale If-Match is not 412': 'etag.stale-if-match',
  'control: a keyed checkpoint retried alone is no replay': 'idempotency.replay',
  'control: a tag patch alone does not set its tags': 'tags.set-semantics',
  'control: a commit the approval gate must refuse went through': 'review.approval-gate',
  ...Object.fromEntries(RACE_STATE_ROLES.flatMap((role) => Object.entries(sessionChecks(`state after, every fitting order, ${role}`, role)))),
  'state after, every fitting order: files paging only': 'list.complete',
  'state after, every fitting order: a deleted session': 'session.delete-final',
  'state after, every fitting order: environment spec': 'content.environment-spec',
  ...observationChecks('lineage.fork-isolation'),
});

/** Sends its requests concurrently and checks the outcome is linearizable. */
export class RaceCommand extends SuiteCommand {
  readonly blames = RACE_BLAMES;

  constructor(readonly ops: readonly RaceOp[]) {
    super();
  }

  /** Requests sent at once may change one session in an order the answers do not pin down. */
  protected override readonly eventsUnordered = true;

  protected applies(model: Readonly<SuiteModel>): boolean {
    const forks = this.ops.filter((op) => op.kind === 'fork').length;
    const checkpoints = this.ops.filter((op) => op.kind === 'checkpoint').length;
    return this.ops.every((op) => opSessions(op).every((s) => liveSession(model, s)))
      && model.sessions.length + forks <= 6 && model.checkpoints.length + checkpoints <= 4;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const shared = { nextSession: model.sessions.length, nextCheckpoint: model.checkpoints.length, key: this.ops.some((op) => op.kind === 'checkpoint' && op.keyed) ? nextKey(model) : '' };
    const ops = this.ops.map((op, i) => prepareOp(op, i, model, real, shared));
    const settled = await Promise.allSettled(ops.map((op) => op.send()));
    // A contract violation (or a lost connection) of any answer is reported as it is.
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (rejected) throw rejected.reason;
    const exchanges = settled.map((s) => (s as PromiseFulfilledResult<Exchange>).value);
    const extra = await this.headsAfter(ops, exchanges, real);
    const trials = permutations(ops.length).map((order) => tryOrder(model.store, ops, exchanges, order, extra));
    const stateMismatch = new Map<OrderTrial, Mismatch>();
    const seen = new Map<string, Mismatch | null>();
    let fit: OrderTrial | undefined;
    for (const trial of trials.filter((t) => t.mismatch === null)) {
      // Orders that leave the same state need one look at the server, not one each.
      const key = this.fingerprint(model, ops, trial);
      const found = seen.has(key) ? (seen.get(key) ?? null) : await this.observeCandidate(model, real, ops, trial);
      seen.set(key, found);
      if (found === null) {
        fit = trial;
        break;
      }
      stateMismatch.set(trial, found);
    }
    if (fit) real.ctx.selection.count('concurrency.linearizable');
    if (!fit) {
      const answers = ops.map((op, i) => `${op.label} → ${describe(exchanges[i] as Exchange)}`);
      const found = verdict(trials, stateMismatch, answers);
      const { invariant, message } = found.invariant === 'concurrency.linearizable' ? await this.controlled(ops, exchanges, found) : found;
      real.ctx.selection.violate(invariant, `${this.toString()}: ${message}`, trials.map((t) => ({ order: t.order.map((i) => i + 1), mismatch: t.mismatch ?? stateMismatch.get(t) ?? null })), answers);
    }
    // The order that fits becomes the model: replay it on the real store, label what it created.
    const { outcomes } = applyOrder(model.store, ops, exchanges, fit.order, extra);
    this.label(model, ops, outcomes);
    // Candidate orders were observed through the same memo of what was read; forget it, so the
    // next step reads the touched sessions afresh against the order that won.
    model.verified.details.clear();
    model.verified.heads.clear();
    // The sessions the race touched were just compared with this order; the others must not have
    // moved (one list call, deep reads only of sessions whose summary disagrees).
    await observeAll(model, real, [], 'lineage.fork-isolation');
  }

  /**
   * A lost update can also come from a server that ignores the rule altogether. Before blaming
   * concurrency, each guarded request is sent again alone, where the rule's answer is certain; if
   * the rule fails there too, the race is reported under that rule.
   */
  private async controlled(ops: readonly PreparedOp[], exchanges: readonly Exchange[], found: Verdict): Promise<Verdict> {
    for (const op of ops) {
      const broken = op.control ? await op.control(exchanges) : null;
      if (broken) return { invariant: broken.invariant, message: `${broken.message}\n${found.message}` };
    }
    return found;
  }

  /** The heads after the race of the sessions whose request answers no revision (spec PUTs). */
  private async headsAfter(ops: readonly PreparedOp[], exchanges: readonly Exchange[], real: SuiteReal): Promise<OpExtra> {
    const headAfter = new Map<string, string>();
    for (const [i, op] of ops.entries()) {
      const id = op.sessions[0] as string;
      if (op.kind !== 'spec' || exchanges[i]?.response.status !== 200 || headAfter.has(id)) continue;
      const got = await real.ctx.owner.api.getSession(id);
      const revision = (got.response.json as { revision?: unknown } | undefined)?.revision;
      if (typeof revision === 'string') headAfter.set(id, revision);
    }
    return { headAfter };
  }

  /** New sessions and checkpoints get their labels in request order, whatever order fitted. */
  private label(model: SuiteModel, ops: readonly PreparedOp[], outcomes: OrderTrial['outcomes']): void {
    for (const [i, op] of ops.entries()) {
      const outcome = outcomes[i];
      if (!outcome?.ok || op.creates === null) continue;
      const id = (outcome.value as { id: string }).id;
      (op.creates === 'session' ? model.sessions : model.checkpoints).push(id);
    }
  }

  /** The sessions the race acted on, plus those it created. */
  private involved(model: SuiteModel, ops: readonly PreparedOp[], outcomes: OrderTrial['outcomes']): string[] {
    const ids = new Set(ops.flatMap((op) => op.sessions));
    for (const [i, op] of ops.entries()) {
      const outcome = outcomes[i];
      if (outcome?.ok && op.creates === 'session') ids.add((outcome.value as { id: string }).id);
    }
    return model.sessions.filter((id) => ids.has(id)).concat([...ids].filter((id) => !model.sessions.includes(id)));
  }

  /** The model state an order leaves in the sessions the race touched (to look at each state once). */
  private fingerprint(model: SuiteModel, ops: readonly PreparedOp[], trial: OrderTrial): string {
    const candidate = { ...model, sessions: [...model.sessions] };
    this.label(candidate, ops, trial.outcomes);
    return canonicalJson(this.involved(candidate, ops, trial.outcomes).map((id) => {
      const state = trial.store.sessions.get(id);
      if (!state || state.deleted) return { id, deleted: true };
      const content = trial.store.graph.content(state.head);
      return { detail: detailView(state, trial.store.graph), files: Object.fromEntries(content.files), spec: content.environmentSpec };
    }));
  }

  /** Reads the touched sessions and compares them with one order's model; the first difference, or null. */
  private async observeCandidate(model: SuiteModel, real: SuiteReal, ops: readonly PreparedOp[], trial: OrderTrial): Promise<Mismatch | null> {
    const candidate: SuiteModel = { ...model, store: trial.store, sessions: [...model.sessions], checkpoints: [...model.checkpoints] };
    this.label(candidate, ops, trial.outcomes);
    const probe = { ...real, ctx: { ...real.ctx, selection: new InvariantSelection() } };
    for (const id of this.involved(candidate, ops, trial.outcomes)) {
      const blame = ops.find((op) => op.sessions[0] === id)?.primary ?? (ops.some((op) => op.sessions.includes(id)) ? 'merge.source-untouched' : 'lineage.fork-snapshot');
      const label = candidate.sessions.indexOf(id);
      const where = `state of ${label >= 0 ? sLabel(label) : id}`;
      const found = await settle(where, () => observeSession(candidate, probe, id, blame, true));
      if (found) return found;
    }
    return null;
  }

  toString(): string {
    const sessions = new Set(this.ops.map((op) => op.session));
    if (sessions.size === 1) return `race(${sLabel(this.ops[0]?.session ?? 0)}: ${this.ops.map(opText).join(' | ')})`;
    return `race(${this.ops.map((op) => `${sLabel(op.session)}: ${opText(op)}`).join(' | ')})`;
  }
}

/** The first violation an asynchronous check throws, as a mismatch at `where`. */
async function settle(where: string, check: () => Promise<void>): Promise<Mismatch | null> {
  try {
    await check();
    return null;
  } catch (error) {
    return firstMismatch(where, () => {
      throw error;
    });
  }
}

/** `200`, `412 precondition-failed`: how an answer reads in a message. */
function describe(exchange: Exchange): string {
  const code = (exchange.response.json as { code?: unknown } | undefined)?.code;
  return `${exchange.response.status}${typeof code === 'string' ? ` ${code}` : ''}`;
}
