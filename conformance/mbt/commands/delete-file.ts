/** `deleteFile(s0, a)`: DELETE a file (404 when absent). */
import { deleteFile } from '../../model/ops-files.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { headAfter } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the delete's status, and what the session holds after it. */
export const DELETE_FILE_BLAMES = blameTable({ status: 'content.read-your-writes', ...observationChecks('content.read-your-writes') });

/** Deletes a file of the pool from a session of the run. */
export class DeleteFileCommand extends SessionCommand {
  readonly blames = DELETE_FILE_BLAMES;

  constructor(session: number, readonly path: string) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const exchange = await ctx.owner.api.deleteFile(id, this.path);
    const report = exchange.response.status === 204 ? await headAfter(ctx, id) : {};
    const expected = deleteFile(model.store, ctx.owner.principal, id, { path: this.path }, report);
    judgeStatus(ctx.selection, exchange, expected, 'content.read-your-writes');
    await observeAll(model, real, [id], 'content.read-your-writes');
  }

  toString(): string {
    return `deleteFile(${sLabel(this.session)}, ${this.path})`;
  }
}
