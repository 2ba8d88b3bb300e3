/** `fork(s0 → s2, checkpoint=c1)`: a child at the source's head or at a checkpoint. */
import { fork } from '../../model/ops-lineage.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { pickLabel, reportOf, resolveCheckpoint, viewerAccess, type CheckpointPick } from '../step-helpers.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/** Check → id: the child is an exact snapshot (its links too); a reused session id is `ids.fresh`. */
export const FORK_BLAMES = blameTable({ status: 'lineage.fork-snapshot', ...sessionChecks('answer', 'lineage.fork-snapshot'), ...observationChecks('lineage.fork-snapshot') });

/** Forks a session of the run; the child becomes the next `s<i>`. */
export class ForkCommand extends SuiteCommand {
  readonly blames = FORK_BLAMES;

  constructor(readonly source: number, readonly checkpoint: CheckpointPick | null) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.source) && model.sessions.length < 6 && (this.checkpoint === null || resolveCheckpoint(model, model.sessions[this.source], this.checkpoint) !== null);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const sourceId = model.sessions[this.source] as string;
    const label = sLabel(model.sessions.length);
    const pick = this.checkpoint === null ? null : resolveCheckpoint(model, sourceId, this.checkpoint);
    const checkpointId = pick === null ? undefined : model.checkpoints[pick];
    const body = { title: `conformance ${label}`, tags: [model.runTag], access: viewerAccess(ctx), ...(checkpointId ? { checkpointId } : {}) };
    const exchange = await ctx.owner.api.fork(sourceId, body);
    const expected = fork(model.store, ctx.owner.principal, sourceId, body, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'lineage.fork-snapshot');
    if (!expected.ok) return;
    model.sessions.push(expected.value.id);
    judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, sessionFieldInvariant('lineage.fork-snapshot'));
    judgeSessionEtag(ctx.selection, exchange, expected.value.version);
    await observeAll(model, real, [expected.value.id], 'lineage.fork-snapshot');
  }

  toString(): string {
    return `fork(${sLabel(this.source)}${this.checkpoint === null ? '' : `, checkpoint=${pickLabel(this.checkpoint)}`})`;
  }
}
