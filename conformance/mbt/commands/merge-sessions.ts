/** `merge(s1 → s0, theirs, retire)` / `mergeFrom(s0 ← s2, ours)`: the three-way merge. */
import type { InvariantId } from '../../invariants/catalogue.js';
import type { Strategy } from '../../model/merge-plan.js';
import { merge, type MergeInput } from '../../model/ops-merge.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/**
 * Check → id: a merge's answer and result are `merge.soundness`, with a fast-forward's and a
 * conflict's own rules; the repeat must change nothing. A reused revision is the merge's: it did
 * not make the [target, source] revision it had to (e.g. it merged the other way round).
 */
export const MERGE_BLAMES = blameTable({
  status: 'merge.soundness',
  'status and conflicts when a conflict is expected': 'merge.conflicts-exact',
  'field fastForward': 'merge.fast-forward',
  'fields applied, resolved': 'merge.soundness',
  ...sessionChecks('answer session', 'merge.soundness'),
  ...sessionChecks('answer session of a fast-forward', 'merge.fast-forward'),
  ...observationChecks('merge.soundness', 'merge.source-untouched'),
  'observe own after a refused conflict': 'merge.conflicts-exact',
  'the repeat: status, fields, state': 'merge.idempotent',
  ...sessionChecks('the repeat: answer session', 'merge.idempotent'),
}, { revision: 'merge.soundness' });

/** Merges `source` into `target`, then repeats the merge to check it is idempotent. */
export class MergeCommand extends SuiteCommand {
  readonly blames = MERGE_BLAMES;

  constructor(readonly kind: 'merge' | 'mergeFrom', readonly target: number, readonly source: number, readonly strategy: Strategy | undefined, readonly retire: boolean, readonly staleExpected: boolean) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.target) && liveSession(model, this.source);
  }

  private body(model: SuiteModel, withExtras: boolean): Omit<MergeInput, 'kind'> {
    const source = model.sessions[this.source] as string;
    const target = model.store.sessions.get(model.sessions[this.target] as string);
    const stale = target ? model.store.graph.get(target.head).parents[0] : undefined;
    return {
      sourceSessionId: source,
      ...(this.strategy ? { strategy: this.strategy } : {}),
      ...(withExtras && this.kind === 'merge' && this.retire ? { retireSource: true } : {}),
      ...(withExtras && this.staleExpected && stale ? { expectedRevision: stale } : {}),
    };
  }

  private async once(model: SuiteModel, real: SuiteReal, first: boolean): Promise<boolean> {
    const { ctx } = real;
    const targetId = model.sessions[this.target] as string;
    const body = this.body(model, first);
    const exchange = await ctx.owner.api.merge(this.kind, targetId, body);
    const primary: InvariantId = first ? 'merge.soundness' : 'merge.idempotent';
    const expected = merge(model.store, ctx.owner.principal, targetId, { kind: this.kind, ...body }, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, primary);
    if (expected.ok) {
      const v = expected.value;
      const json = exchange.response.json as { session?: unknown } | undefined;
      const sessionBlame: InvariantId = first && v.fastForward ? 'merge.fast-forward' : primary;
      // What the merge applied first: a merge made the wrong way round shows there before it shows
      // as a missing fast-forward.
      judgeFields(ctx.selection, this.toString(), json, { applied: v.applied, resolved: v.resolved, fastForward: v.fastForward }, (f) => (f === 'fastForward' ? 'merge.fast-forward' : primary));
      judgeFields(ctx.selection, `${this.toString()} session`, json?.session, { ...v.session }, sessionFieldInvariant(sessionBlame));
      judgeSessionEtag(ctx.selection, exchange, v.session.version);
    }
    const sourceId = model.sessions[this.source] as string;
    const blame: InvariantId = expected.ok ? primary : expected.code === 'merge-conflict' ? 'merge.conflicts-exact' : primary;
    await observeAll(model, real, [targetId], blame, (id) => (id === sourceId ? 'merge.source-untouched' : 'lineage.fork-isolation'));
    return expected.ok;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    if (await this.once(model, real, true)) await this.once(model, real, false);
  }

  toString(): string {
    const arrow = this.kind === 'merge' ? `${sLabel(this.source)} → ${sLabel(this.target)}` : `${sLabel(this.target)} ← ${sLabel(this.source)}`;
    const opts = [this.strategy, this.retire && this.kind === 'merge' ? 'retire' : undefined, this.staleExpected ? 'expected=stale' : undefined].filter(Boolean);
    return `${this.kind}(${arrow}${opts.length > 0 ? `, ${opts.join(', ')}` : ''})`;
  }
}
