/** `checkpoint(s0)`: pins the head; becomes the next `c<i>`. Changes nothing visible. */
import { createCheckpoint } from '../../model/ops-lineage.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the checkpoint's answer; a checkpoint changes nothing visible (version). */
export const CHECKPOINT_BLAMES = blameTable({ status: 'lineage.checkpoint-immutable', 'fields id, revision, label': 'lineage.checkpoint-immutable', ...observationChecks('etag.version-moves') });

/** Takes a checkpoint of a session of the run. */
export class CheckpointCommand extends SessionCommand {
  readonly blames = CHECKPOINT_BLAMES;

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.checkpoints.length < 4;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const label = `cp${model.checkpoints.length}`;
    const exchange = await ctx.owner.api.createCheckpoint(id, { label });
    const expected = createCheckpoint(model.store, ctx.owner.principal, id, { label }, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'lineage.checkpoint-immutable');
    if (!expected.ok) return;
    model.checkpoints.push(expected.value.id);
    judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, () => 'lineage.checkpoint-immutable');
    await observeAll(model, real, [id], 'etag.version-moves');
  }

  toString(): string {
    return `checkpoint(${sLabel(this.session)})`;
  }
}
