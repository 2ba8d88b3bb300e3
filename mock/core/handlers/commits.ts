import { approvalsAllowCommit, diffContent, summarizeChanges } from '../domain/index.js';
import type { OperationHandler } from '../http/pipeline.js';
import { failure, json, problemFrom } from '../http/respond.js';
import { withId, type CommitRecord, type SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { changeable, cursorKey, INVALID_CURSOR, jsonBody, pathParam, readable } from './common.js';
import { pageNewestFirst } from './lineage.js';

/** What a commit of the head would record now (the baseline rule is in Store.baseline). */
export function pendingChanges(store: Store, session: SessionRecord) {
  return diffContent(store.baseline(session), store.content(session.head));
}

/** Commit summary, commit, and the commit history. */
export function commitHandlers(store: Store): Record<string, OperationHandler> {
  return {
    generateCommitSummary(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const changes = pendingChanges(store, session);
      const { stats, summary, suggestedMessage } = summarizeChanges(changes);
      return json(200, { baseRevision: session.committedRevision ?? session.baseRevision, revision: session.head, changes, stats, summary, suggestedMessage });
    },

    commitSession(input) {
      const found = changeable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const body = jsonBody<{ message: string; expectedRevision: string }>(input);
      if (body.expectedRevision !== undefined && body.expectedRevision !== session.head) {
        return problemFrom(failure('revision-mismatch', `The head is ${session.head}, not ${body.expectedRevision}: summarise again before committing.`));
      }
      const changes = pendingChanges(store, session);
      if (changes.length === 0) return problemFrom(failure('nothing-to-commit', `Session ${session.id} has no changes since its baseline.`));
      if (session.purpose === 'review' && !approvalsAllowCommit(store.approvals.of(session.id), session.head)) {
        return problemFrom(failure('approval-required', `Review session ${session.id} needs an approval of its head ${session.head} and no changes requested on it.`));
      }
      const commit: CommitRecord = {
        id: store.ids.next('cmt'),
        sessionId: session.id,
        revision: session.head,
        message: body.message ?? '',
        changes,
        authorId: input.principal.principalId,
        createdAt: store.clock.now(),
      };
      store.commits.set(commit.id, commit);
      session.commits = withId(session.commits, commit.id);
      session.committedRevision = session.head;
      store.refreshUncommitted(session);
      store.touch(session);
      store.events.append(session, 'committed', input.principal.principalId, { commitId: commit.id });
      return json(201, commit, { location: `/v1/sessions/${session.id}/commits/${commit.id}` });
    },

    listCommits(input) {
      const after = cursorKey(store, input);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const page = pageNewestFirst(store, found.value.commits, (id) => store.commits.get(id), input.params.query.limit as number, after.value);
      return page ? json(200, page) : problemFrom(INVALID_CURSOR);
    },

    getCommit(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const commit = store.commits.get(pathParam(input, 'commitId'));
      if (!commit || commit.sessionId !== found.value.id) return problemFrom(failure('commit-not-found', `Session ${found.value.id} has no commit ${pathParam(input, 'commitId')}.`));
      return json(200, commit);
    },
  };
}
