/**
 * `approve(s0, approved, viewer)`, `approve(s1, changes_requested, past)`: a review decision on the
 * head or a past revision; then the session's approvals, newest first and paged, each with the
 * `stale` the head gives it, and the new one read back by id.
 */
import { createApproval, getApproval, listApprovals } from '../../model/ops-review.js';
import { blameTable } from '../blames.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { checkPagedList } from '../paged-list.js';
import { firstParentBack } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';

/** Records a decision as the owner or the viewer. */
export class ApproveCommand extends SessionCommand {
  readonly blames = blameTable({
    'status (404 revision not in the history)': 'review.approvals-exact',
    'fields of the decision, getApproval, each listed approval (stale included)': 'review.approvals-exact',
    'list: missing, extra, order, paging': 'list.complete',
  });

  constructor(session: number, readonly decision: 'approved' | 'changes_requested', readonly asViewer: boolean, readonly past: boolean) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.surfaces.review && (!this.asViewer || model.hasViewer);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const state = model.store.sessions.get(id);
    if (!state) return;
    const who = this.asViewer && ctx.viewer ? ctx.viewer : ctx.owner;
    const body = { decision: this.decision, comment: `${this.decision} by ${this.asViewer ? 'viewer' : 'owner'}`, ...(this.past ? { revision: firstParentBack(model.store.graph, state.head, 1) } : {}) };
    const exchange = await who.api.createApproval(id, body);
    const created = (exchange.response.json as { id?: string } | undefined)?.id;
    const expected = createApproval(model.store, who.principal, id, body, { approvalId: created });
    judgeStatus(ctx.selection, exchange, expected, 'review.approvals-exact');
    if (!expected.ok) return;
    judgeFields(ctx.selection, this.toString(), exchange.response.json, expected.value, () => 'review.approvals-exact');
    const approvalId = String(expected.value.id);
    const again = await ctx.owner.api.getApproval(id, approvalId);
    const one = getApproval(model.store, ctx.owner.principal, id, approvalId);
    judgeStatus(ctx.selection, again, one, 'review.approvals-exact');
    if (one.ok) judgeFields(ctx.selection, `getApproval(${approvalId})`, again.response.json, one.value, () => 'review.approvals-exact');
    await checkApprovalList(model, real, id, this.toString());
  }

  toString(): string {
    return `approve(${sLabel(this.session)}, ${this.decision}${this.asViewer ? ', viewer' : ''}${this.past ? ', past' : ''})`;
  }
}

/** Pages a session's approvals two at a time and compares them (stale flags included) with the model. */
export async function checkApprovalList(model: SuiteModel, real: SuiteReal, sessionId: string, where: string): Promise<void> {
  const { ctx } = real;
  const want = listApprovals(model.store, ctx.owner.principal, sessionId);
  if (!want.ok) return;
  const fetch = (cursor: string | undefined) => ctx.owner.api.listApprovals(sessionId, { limit: 2, cursor });
  await checkPagedList(real, `${where}: approvals of ${sessionId}`, fetch, { want: want.value, key: (item) => String((item as { id?: unknown }).id), ignore: ['createdAt'] }, 'review.approvals-exact');
}
