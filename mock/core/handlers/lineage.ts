import type { OperationHandler } from '../http/pipeline.js';
import { failure, json, problemFrom } from '../http/respond.js';
import { withId, type AccessEntry, type CheckpointRecord, type SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { changeable, cursorKey, INVALID_CURSOR, jsonBody, pathParam, readable, sessionResponse } from './common.js';
import { checkSessionFields, newSession, requestedFields } from './sessions.js';

interface ForkBody {
  checkpointId: string;
  title: string;
  purpose: SessionRecord['purpose'];
  tags: string[];
  metadata: Record<string, unknown>;
  access: AccessEntry[];
}

/**
 * Newest-first page over ids kept in creation order, resuming after the id `after` (a cursor's
 * key); `null` when that id is not in this list.
 */
export function pageNewestFirst<T>(store: Store, ids: readonly string[], lookup: (id: string) => T, limit: number, after: string | undefined): { items: T[]; nextCursor: string | null } | null {
  let end = ids.length;
  if (after !== undefined) {
    end = ids.indexOf(after);
    if (end < 0) return null;
  }
  const start = Math.max(0, end - limit);
  const page = ids.slice(start, end).reverse();
  return { items: page.map(lookup), nextCursor: start > 0 && page.length > 0 ? store.cursors.encode([page[page.length - 1] as string]) : null };
}

/** Fork, checkpoints and restore. */
export function lineageHandlers(store: Store): Record<string, OperationHandler> {
  return {
    forkSession(input) {
      const body = jsonBody<ForkBody>(input);
      const checked = checkSessionFields(body);
      if (!checked.ok) return problemFrom(checked);
      // Reading the source is enough to fork it: the fork is the caller's own session.
      const found = readable(store, input, 'sourceSessionId');
      if (!found.ok) return problemFrom(found);
      const source = found.value;
      let revision = source.head;
      if (body.checkpointId !== undefined) {
        const checkpoint = store.checkpoints.get(body.checkpointId);
        if (!checkpoint || checkpoint.sessionId !== source.id) return problemFrom(failure('checkpoint-not-found', `Session ${source.id} has no checkpoint ${body.checkpointId}.`));
        revision = checkpoint.revision;
      }
      // Structural sharing: the child points at the same revision, nothing is copied (O(1)).
      const child = newSession(store, requestedFields(body), {
        tenantId: source.tenantId,
        ownerId: input.principal.principalId,
        title: body.title ?? `${source.title} (fork)`.slice(0, 200),
        parentSessionId: source.id,
        forkedFromCheckpointId: body.checkpointId ?? null,
        baseRevision: revision,
        head: revision,
      });
      store.add(child);
      // The child's first event; the source is not changed, so its log is not written.
      store.events.append(child, 'forked', input.principal.principalId, { sourceSessionId: source.id, checkpointId: body.checkpointId ?? null });
      return sessionResponse(201, child, { location: `/v1/sessions/${child.id}` });
    },

    createCheckpoint(input) {
      // Checkpoints change nothing the session shows, so they are allowed on a merged session too.
      const found = changeable(store, input, { ifMatch: false, allowRetired: true });
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const checkpoint: CheckpointRecord = {
        id: store.ids.next('chk'),
        sessionId: session.id,
        revision: session.head,
        label: jsonBody<{ label: string }>(input).label ?? null,
        createdAt: store.clock.now(),
      };
      store.checkpoints.set(checkpoint.id, checkpoint);
      session.checkpoints = withId(session.checkpoints, checkpoint.id);
      store.events.append(session, 'checkpoint.created', input.principal.principalId, { checkpointId: checkpoint.id, label: checkpoint.label });
      return json(201, checkpoint, { location: `/v1/sessions/${session.id}/checkpoints/${checkpoint.id}` });
    },

    listCheckpoints(input) {
      const after = cursorKey(store, input);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const page = pageNewestFirst(store, found.value.checkpoints, (id) => store.checkpoints.get(id), input.params.query.limit as number, after.value);
      return page ? json(200, page) : problemFrom(INVALID_CURSOR);
    },

    getCheckpoint(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const checkpoint = store.checkpoints.get(pathParam(input, 'checkpointId'));
      if (!checkpoint || checkpoint.sessionId !== found.value.id) return problemFrom(failure('checkpoint-not-found', `Session ${found.value.id} has no checkpoint ${pathParam(input, 'checkpointId')}.`));
      return json(200, checkpoint);
    },

    restoreSession(input) {
      const found = changeable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const checkpointId = jsonBody<{ checkpointId: string }>(input).checkpointId ?? '';
      const checkpoint = store.checkpoints.get(checkpointId);
      if (!checkpoint || checkpoint.sessionId !== session.id) return problemFrom(failure('checkpoint-not-found', `Session ${session.id} has no checkpoint ${checkpointId}.`));
      // Append-only, like a revert: a new revision on top of the head, unless content is equal.
      if (store.advance(session, store.content(checkpoint.revision))) store.events.append(session, 'restored', input.principal.principalId, { checkpointId: checkpoint.id });
      return sessionResponse(200, session);
    },
  };
}
