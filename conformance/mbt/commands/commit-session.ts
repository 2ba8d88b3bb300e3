/** `commit(s0, expected=stale)`: promote the head; optionally with an expectedRevision. */
import { commit } from '../../model/ops-commits.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the commit's answer and state; the change list is the summary's rule. */
export const COMMIT_BLAMES = blameTable({
  'status (nothing-to-commit, revision-mismatch)': 'commit.clears-changes',
  'status of a review session (approval-required or not)': 'review.approval-gate',
  'field changes': 'commit.summary-exact',
  'fields id, revision, message, authorId': 'commit.clears-changes',
  ...observationChecks('commit.clears-changes'),
});

/** Which `expectedRevision` a commit sends. */
export type Expectation = 'none' | 'head' | 'stale';

/** Commits a session of the run. */
export class CommitCommand extends SessionCommand {
  readonly blames = COMMIT_BLAMES;

  constructor(session: number, readonly expectation: Expectation) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const state = model.store.sessions.get(id);
    if (!state) return;
    const stale = model.store.graph.get(state.head).parents[0] ?? state.baseRevision ?? undefined;
    const expectedRevision = this.expectation === 'head' ? state.head : this.expectation === 'stale' ? stale : undefined;
    const body = { message: `commit ${sLabel(this.session)}`, ...(expectedRevision ? { expectedRevision } : {}) };
    const exchange = await ctx.owner.api.commit(id, body);
    const expected = commit(model.store, ctx.owner.principal, id, body, reportOf(exchange));
    // A review session's commit is the approval gate's to judge (contract README §13).
    judgeStatus(ctx.selection, exchange, expected, state.purpose === 'review' && ctx.surfaces.review ? 'review.approval-gate' : 'commit.clears-changes');
    if (expected.ok) {
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, (f) => (f === 'changes' ? 'commit.summary-exact' : 'commit.clears-changes'));
    }
    await observeAll(model, real, [id], 'commit.clears-changes');
  }

  toString(): string {
    return `commit(${sLabel(this.session)}${this.expectation === 'none' ? '' : `, expected=${this.expectation}`})`;
  }
}
