/** `delete(s0)`: then 404 everywhere and unlisted; forks live on. */
import { deleteSession } from '../../model/ops-sessions.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';

/** Deletes a session of the run. */
export class DeleteSessionCommand extends SuiteCommand {
  constructor(readonly session: number) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = model.sessions[this.session] as string;
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
