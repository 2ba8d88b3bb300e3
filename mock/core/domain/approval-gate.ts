/** What the commit gate needs of one approval. */
export interface ApprovalFact {
  readonly actorId: string;
  readonly decision: 'approved' | 'changes_requested';
  readonly revision: string;
}

/**
 * Whether a `review` session at `head` may be committed (contract §13 "Which approvals count"):
 * for each reviewer only their newest approval counts, and only if it is on the head; at least one
 * counting `approved` and no counting `changes_requested`. `approvals` are oldest first.
 */
export function approvalsAllowCommit(approvals: Iterable<ApprovalFact>, head: string): boolean {
  const newest = new Map<string, ApprovalFact>();
  for (const approval of approvals) newest.set(approval.actorId, approval);
  let approved = false;
  for (const approval of newest.values()) {
    if (approval.revision !== head) continue;
    if (approval.decision === 'changes_requested') return false;
    approved = true;
  }
  return approved;
}
