/**
 * The promotion boundary (SEMANTICS §7): summary, commit, and reading commits.
 */
import type { Principal } from './access.js';
import { changeStats, summaryText, suggestedMessage, type ChangeStats } from './commit-summary.js';
import { diffContents, emptyContent, type Change } from './content.js';
import type { CommitRecord, ModelStore, ServerReport } from './model-store.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { baselineRevision, type SessionState } from './session-state.js';
import { sessionApprovals } from './ops-review.js';
import { approvalsAllowCommit } from './review-records.js';

/** The body of `generateCommitSummary`. */
export interface CommitSummary {
  /** The baseline compared with; null for the empty tree. */
  baseRevision: string | null;
  revision: string;
  changes: Change[];
  stats: ChangeStats;
  summary: string;
  suggestedMessage: string;
}

/** A commit as the server shows it, without `createdAt`. */
export interface CommitView {
  id: string;
  sessionId: string;
  revision: string;
  message: string;
  changes: Change[];
  authorId: string;
}

/** The wire view of a commit record. */
export function commitView(record: CommitRecord): CommitView {
  const { id, sessionId, revision, message, authorId } = record;
  return { id, sessionId, revision, message, changes: record.changes.map((c) => ({ ...c })), authorId };
}

/** The changes from the baseline (`committedRevision ?? baseRevision ?? empty`) to the head. */
function pendingChanges(store: ModelStore, session: SessionState): Change[] {
  const baseline = baselineRevision(session);
  const from = baseline === null ? emptyContent() : store.graph.content(baseline);
  return diffContents(from, store.graph.content(session.head));
}

/** `POST /generateCommitSummary`: what a commit would record now. Reading access suffices. */
export function generateCommitSummary(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<CommitSummary> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const session = located.session;
  const changes = pendingChanges(store, session);
  return succeed({
    baseRevision: baselineRevision(session),
    revision: session.head,
    changes,
    stats: changeStats(changes),
    summary: summaryText(changes),
    suggestedMessage: suggestedMessage(changes),
  });
}

/**
 * `POST /commit`: committedRevision := head. After the shared guard (merged sessions are
 * read-only): `revision-mismatch` (the caller's view is stale, say so first), then
 * `nothing-to-commit`, then `approval-required` for a `review` session whose counting approvals
 * do not allow it (§13; only on a server that offers the review surface).
 */
export function commit(store: ModelStore, actor: Principal | null, sessionId: string, input: { message: string; expectedRevision?: string; ifMatch?: string }, reported: ServerReport): Outcome<CommitView> {
  if (actor === null) return fail('unauthenticated');
  const invalid = input.message.length >= 1 && input.message.length <= 2000 ? null : fail('validation-failed');
  const located = store.guard(actor, sessionId, { need: 'change', ifMatch: input.ifMatch, requireActive: true, invalid });
  if (!located.ok) return located;
  const session = located.session;
  if (input.expectedRevision !== undefined && input.expectedRevision !== session.head) return fail('revision-mismatch');
  const changes = pendingChanges(store, session);
  if (changes.length === 0) return fail('nothing-to-commit');
  if (session.purpose === 'review' && store.reviewSurface && !approvalsAllowCommit(sessionApprovals(store, sessionId), session.head)) return fail('approval-required');
  const record: CommitRecord = {
    id: store.newId('commit', reported.commitId),
    sessionId,
    revision: session.head,
    message: input.message,
    changes,
    authorId: actor.principalId,
    seq: store.nextSeq(),
  };
  store.commits.set(record.id, record);
  store.tracked(session, () => {
    session.committedRevision = session.head;
  });
  store.emit(session, 'committed', actor, { commitId: record.id });
  return succeed(commitView(record), 201);
}

/** `GET /commits/{id}`: one commit of this session. */
export function getCommit(store: ModelStore, actor: Principal | null, sessionId: string, commitId: string): Outcome<CommitView> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const record = store.commits.get(commitId);
  return record?.sessionId === sessionId ? succeed(commitView(record)) : fail('commit-not-found');
}

/** `GET /commits`: this session's commits, newest first. */
export function listCommits(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<CommitView[]> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const mine = [...store.commits.values()].filter((record) => record.sessionId === sessionId);
  return succeed(mine.sort((a, b) => b.seq - a.seq).map(commitView));
}

