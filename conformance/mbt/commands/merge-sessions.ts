/** `merge(s1 → s0, theirs, retire)` / `mergeFrom(s0 ← s2, ours)`: the three-way merge. */
import type { InvariantId } from '../../invariants/catalogue.js';
import type { Strategy } from '../../model/merge-plan.js';
import { merge, type MergeInput } from '../../model/ops-merge.js';
import { ModelViolation } from '../../model/outcome.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';

/** Merges `source` into `target`, then repeats the merge to check it is idempotent. */
export class MergeCommand extends SuiteCommand {
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
    let expected: ReturnType<typeof merge>;
    try {
      expected = merge(model.store, ctx.owner.principal, targetId, { kind: this.kind, ...body }, reportOf(exchange));
    } catch (error) {
      // An existing revision reported as the merge's new one: the merge did not make the
      // [target, source] revision it had to (e.g. it merged the other way round).
      if (error instanceof ModelViolation) ctx.selection.violate(primary, `${this.toString()}: ${error.message}`, 'a new revision with parents [target, source]', exchange.response.json);
      throw error;
    }
    judgeStatus(ctx.selection, exchange, expected, primary);
    if (expected.ok) {
      const v = expected.value;
      const json = exchange.response.json as { session?: unknown } | undefined;
      const sessionBlame: InvariantId = first && v.fastForward ? 'merge.fast-forward' : primary;
      judgeFields(ctx.selection, this.toString(), json, { fastForward: v.fastForward, applied: v.applied, resolved: v.resolved }, (f) => (f === 'fastForward' ? 'merge.fast-forward' : primary));
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
