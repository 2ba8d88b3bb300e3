/** `restore(s0, c1)`: content back to a checkpoint's, as a new revision. */
import { canonicalJson } from '../../model/environment-spec.js';
import { listCheckpoints, restore } from '../../model/ops-lineage.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { pickLabel, reportOf, resolveCheckpoint, type CheckpointPick } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/**
 * Check → id: everything a restore makes is `lineage.restore-exact`, a reused revision included
 * (a restore that did nothing, or moved the head back, made no new revision on top of the head).
 */
export const RESTORE_BLAMES = blameTable({ status: 'lineage.restore-exact', ...sessionChecks('answer', 'lineage.restore-exact'), ...observationChecks('lineage.restore-exact'), 'every checkpoint survives': 'lineage.restore-exact' }, { revision: 'lineage.restore-exact' });

/** Restores a checkpoint (possibly another session's: then 404). */
export class RestoreCommand extends SessionCommand {
  readonly blames = RESTORE_BLAMES;

  constructor(session: number, readonly checkpoint: CheckpointPick) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && resolveCheckpoint(model, model.sessions[this.session], this.checkpoint) !== null;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const checkpointId = model.checkpoints[resolveCheckpoint(model, id, this.checkpoint) ?? 0] as string;
    const exchange = await ctx.owner.api.restore(id, { checkpointId });
    const expected = restore(model.store, ctx.owner.principal, id, { checkpointId }, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'lineage.restore-exact');
    if (expected.ok) {
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, sessionFieldInvariant('lineage.restore-exact'));
      judgeSessionEtag(ctx.selection, exchange, expected.value.version);
    }
    await observeAll(model, real, [id], 'lineage.restore-exact');
    if (expected.ok) await this.checkpointsSurvive(model, real, id);
  }

  /** Restoring never removes a checkpoint, the ones made after the restored one included. */
  private async checkpointsSurvive(model: SuiteModel, real: SuiteReal, id: string): Promise<void> {
    const { ctx } = real;
    const listed = await ctx.owner.api.listCheckpoints(id, { limit: 200 });
    const want = listCheckpoints(model.store, ctx.owner.principal, id);
    const ids = (items: unknown): string[] => (Array.isArray(items) ? items.map((c) => (c as { id?: unknown }).id).filter((x): x is string => typeof x === 'string').sort() : []);
    const got = ids((listed.response.json as { items?: unknown } | undefined)?.items);
    const expected = want.ok ? ids(want.value) : [];
    ctx.selection.expect(listed.response.status === 200 && canonicalJson(got) === canonicalJson(expected), 'lineage.restore-exact', `${this.toString()}: the session's checkpoints after the restore differ (a restore keeps every checkpoint)`, expected, got);
  }

  toString(): string {
    return `restore(${sLabel(this.session)}, ${pickLabel(this.checkpoint)})`;
  }
}
