/** `summary(s0)`: generateCommitSummary, exact and side-effect free. */
import { generateCommitSummary } from '../../model/ops-commits.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeSession } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';

/** Asks for the commit summary of a session of the run. */
export class SummaryCommand extends SessionCommand {
  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const exchange = await ctx.owner.api.generateCommitSummary(id);
    const expected = generateCommitSummary(model.store, ctx.owner.principal, id);
    judgeStatus(ctx.selection, exchange, expected, 'commit.summary-exact');
    if (expected.ok) judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, () => 'commit.summary-exact');
    await observeSession(model, real, id, 'etag.version-moves', false);
  }

  toString(): string {
    return `summary(${sLabel(this.session)})`;
  }
}
