/** `readCheckpoint(s0, c1)`: the checkpoint and its files, unchanged since it was taken. */
import { canonicalJson } from '../../model/environment-spec.js';
import { listFiles } from '../../model/ops-files.js';
import { getCheckpoint } from '../../model/ops-lineage.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { cLabel, SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable } from '../blames.js';

/** Check → id: the checkpoint and its files are as taken. */
export const READ_CHECKPOINT_BLAMES = blameTable({ status: 'lineage.checkpoint-immutable', 'fields id, revision, label': 'lineage.checkpoint-immutable', 'files status': 'lineage.checkpoint-immutable', 'files at the checkpoint': 'lineage.checkpoint-immutable' });

/** Reads a checkpoint through a session (another session's checkpoint is 404). */
export class ReadCheckpointCommand extends SessionCommand {
  readonly blames = READ_CHECKPOINT_BLAMES;

  constructor(session: number, readonly checkpoint: number) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && this.checkpoint < model.checkpoints.length;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const sel = ctx.selection;
    const id = this.sessionId(model);
    const checkpointId = model.checkpoints[this.checkpoint] as string;
    const got = await ctx.owner.api.getCheckpoint(id, checkpointId);
    const expected = getCheckpoint(model.store, ctx.owner.principal, id, checkpointId);
    judgeStatus(sel, got, expected, 'lineage.checkpoint-immutable');
    if (expected.ok) judgeFields(sel, this.toString(), got.response.json, { ...expected.value }, () => 'lineage.checkpoint-immutable');
    const files = await ctx.owner.api.listFiles(id, { checkpointId, limit: 200 });
    const want = listFiles(model.store, ctx.owner.principal, id, { checkpointId });
    judgeStatus(sel, files, want, 'lineage.checkpoint-immutable');
    if (want.ok) {
      const items = (files.response.json as { items?: unknown } | undefined)?.items;
      sel.expect(canonicalJson(items ?? null) === canonicalJson(want.value.items), 'lineage.checkpoint-immutable', `${this.toString()}: files at the checkpoint differ`, want.value.items, items);
    }
  }

  toString(): string {
    return `readCheckpoint(${sLabel(this.session)}, ${cLabel(this.checkpoint)})`;
  }
}
