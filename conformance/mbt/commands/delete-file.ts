/** `deleteFile(s0, a)`: DELETE a file (404 when absent). */
import { deleteFile } from '../../model/ops-files.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { headAfter } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';

/** Deletes a file of the pool from a session of the run. */
export class DeleteFileCommand extends SessionCommand {
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
