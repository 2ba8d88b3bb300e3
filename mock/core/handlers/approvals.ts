import type { OperationHandler } from '../http/pipeline.js';
import { failure, json, problemFrom } from '../http/respond.js';
import type { ApprovalRecord } from '../state/review-records.js';
import { compareIds } from '../state/session-book.js';
import type { SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { inHistory, jsonBody, pathParam, readable } from './common.js';
import { keysetPage, listCursor } from './review-common.js';

/** The cursor key of an approval list: an approval id. */
const APPROVAL_ID = /^apr_[0-9a-z]+$/;

/** The API view: `stale` is computed now, so it follows the head both ways (a fast-forward back makes it fresh). */
function approvalView(approval: ApprovalRecord, session: SessionRecord) {
  return { ...approval, stale: approval.revision !== session.head };
}

/** Review decisions: record, list newest first, read (contract §13 "Approvals"). */
export function approvalHandlers(store: Store): Record<string, OperationHandler> {
  return {
    listApprovals(input) {
      const after = listCursor(store, input, APPROVAL_ID);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const page = keysetPage(store, [...store.approvals.of(session.id)].reverse(), {
        limit: input.params.query.limit as number,
        after: after.value,
        keyOf: (a) => a.id,
        past: (a, key) => compareIds(a.id, key) < 0,
      });
      return json(200, { items: page.items.map((a) => approvalView(a, session)), nextCursor: page.nextCursor });
    },

    createApproval(input) {
      // Anyone who sees the session decides, viewers and the owner too: no separation of duties.
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const body = jsonBody<{ decision: ApprovalRecord['decision']; comment: string; revision: string }>(input);
      const revision = body.revision ?? session.head;
      if (!inHistory(store, session, revision)) return problemFrom(failure('revision-not-found', `Revision ${revision} is not in the history of session ${session.id}.`));
      const approval: ApprovalRecord = {
        id: store.ids.next('apr'),
        sessionId: session.id,
        revision,
        decision: body.decision ?? 'approved',
        actorId: input.principal.principalId,
        comment: body.comment ?? null,
        createdAt: store.clock.now(),
      };
      store.approvals.add(approval);
      store.events.append(session, 'approval.created', input.principal.principalId, { approvalId: approval.id, decision: approval.decision });
      return json(201, approvalView(approval, session), { location: `/v1/sessions/${session.id}/approvals/${approval.id}` });
    },

    getApproval(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const id = pathParam(input, 'approvalId');
      const approval = store.approvals.get(found.value.id, id);
      if (!approval) return problemFrom(failure('approval-not-found', `Session ${found.value.id} has no approval ${id}.`));
      return json(200, approvalView(approval, found.value));
    },
  };
}
