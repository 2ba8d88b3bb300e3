/** `summary(s0)`: generateCommitSummary, exact and side-effect free. */
import { generateCommitSummary } from '../../model/ops-commits.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeSession } from '../observe.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';

/** Asks for the commit summary of a session of the run. */
export class SummaryCommand extends SuiteCommand {
  constructor(readonly session: number) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = model.sessions[this.session] as string;
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
