/** `delete(s0)`: then 404 everywhere and unlisted; forks live on. */
import { deleteSession } from '../../model/ops-sessions.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: every check of a delete is `session.delete-final`, its forks' too. */
export const DELETE_SESSION_BLAMES = blameTable({ status: 'session.delete-final', 'summary of the deleted session is 404': 'session.delete-final', ...observationChecks('session.delete-final', 'session.delete-final') });

/** Deletes a session of the run. */
export class DeleteSessionCommand extends SessionCommand {
  readonly blames = DELETE_SESSION_BLAMES;

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const exchange = await ctx.owner.api.deleteSession(id);
    const expected = deleteSession(model.store, ctx.owner.principal, id, {});
    judgeStatus(ctx.selection, exchange, expected, 'session.delete-final');
    const again = await ctx.owner.api.generateCommitSummary(id);
    ctx.selection.expect(again.response.status === 404, 'session.delete-final', `${this.toString()}: summary of the deleted session answered ${again.response.status}`, 404, again.response.status);
    await observeAll(model, real, [id], 'session.delete-final', () => 'session.delete-final');
  }

  toString(): string {
    return `delete(${sLabel(this.session)})`;
  }
}
