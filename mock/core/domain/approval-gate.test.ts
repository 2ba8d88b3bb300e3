import { describe, expect, it } from 'vitest';
import { approvalsAllowCommit, type ApprovalFact } from './approval-gate.js';

const on = (actorId: string, decision: ApprovalFact['decision'], revision = 'r2'): ApprovalFact => ({ actorId, decision, revision });

describe('approvalsAllowCommit', () => {
  it('needs at least one approval on the head', () => {
    expect(approvalsAllowCommit([], 'r2')).toBe(false);
    expect(approvalsAllowCommit([on('bea', 'approved')], 'r2')).toBe(true);
  });

  it('counts only each reviewer\'s newest approval', () => {
    expect(approvalsAllowCommit([on('bea', 'changes_requested'), on('bea', 'approved')], 'r2')).toBe(true);
    expect(approvalsAllowCommit([on('bea', 'approved'), on('bea', 'changes_requested')], 'r2')).toBe(false);
  });

  it('lets one reviewer\'s changes_requested block everyone\'s approved', () => {
    expect(approvalsAllowCommit([on('bea', 'approved'), on('cleo', 'changes_requested'), on('ana', 'approved')], 'r2')).toBe(false);
  });

  it('does not count stale approvals, including a stale newest one hiding an older fresh one', () => {
    expect(approvalsAllowCommit([on('bea', 'approved', 'r1')], 'r2')).toBe(false);
    expect(approvalsAllowCommit([on('bea', 'approved'), on('bea', 'approved', 'r1')], 'r2')).toBe(false);
    // A stale changes_requested does not block either.
    expect(approvalsAllowCommit([on('cleo', 'changes_requested', 'r1'), on('bea', 'approved')], 'r2')).toBe(true);
  });

  it('counts an approval again once the head comes back to its revision (a fast-forward)', () => {
    const approvals = [on('bea', 'approved', 'r1')];
    expect(approvalsAllowCommit(approvals, 'r2')).toBe(false);
    expect(approvalsAllowCommit(approvals, 'r1')).toBe(true);
  });
});
