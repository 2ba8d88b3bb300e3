/** `summary(s0)`: generateCommitSummary, exact and side-effect free. */
import { generateCommitSummary } from '../../model/ops-commits.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeSession } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the summary's answer; reading the session after it checks nothing moved. */
export const SUMMARY_BLAMES = blameTable({ status: 'commit.summary-exact', 'fields changes, stats, summary, suggestedMessage, revision': 'commit.summary-exact', ...observationChecks('etag.version-moves') });

/** Asks for the commit summary of a session of the run. */
export class SummaryCommand extends SessionCommand {
  readonly blames = SUMMARY_BLAMES;

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
