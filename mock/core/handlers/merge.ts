import { planMerge } from '../domain/index.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { failure, json, problemFrom, success, type Result } from '../http/respond.js';
import type { MockResponse } from '../http/messages.js';
import { changeableSession, visibleSession } from '../state/access.js';
import { etag } from '../state/conditional.js';
import type { SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { active, jsonBody, pathParam, sessionIfMatch } from './common.js';
import { sessionDetail } from './views.js';

interface MergeBody {
  sourceSessionId: string;
  strategy: 'fail' | 'ours' | 'theirs';
  retireSource: boolean;
  expectedRevision: string;
}

/** Whether `source` descends from `target` through parentSessionId links (deleted ones count). */
export function descendsFrom(store: Store, source: SessionRecord, targetId: string): boolean {
  const seen = new Set<string>();
  for (let id = source.parentSessionId; id !== null && !seen.has(id); id = store.sessions.get(id)?.parentSessionId ?? null) {
    if (id === targetId) return true;
    seen.add(id);
  }
  return false;
}

/**
 * Every check before a merge may run, in the documented order: both sessions visible (404, target
 * first), change rights on the target and, when retiring it, on the source (403), the target's
 * `If-Match` (412), then the state checks (409/422).
 */
function preconditions(store: Store, input: HandlerInput, param: string, reintegrate: boolean): Result<{ target: SessionRecord; source: SessionRecord; body: Partial<MergeBody> }> {
  const body = jsonBody<MergeBody>(input);
  const targetId = pathParam(input, param);
  const sourceId = body.sourceSessionId ?? '';
  const seen = visibleSession(input.principal, store.sessions.get(targetId), targetId);
  if (!seen.ok) return seen;
  const visibleSource = visibleSession(input.principal, store.sessions.get(sourceId), sourceId);
  if (!visibleSource.ok) return visibleSource;
  const found = changeableSession(input.principal, seen.value, targetId);
  if (!found.ok) return found;
  const source = body.retireSource ? changeableSession(input.principal, visibleSource.value, sourceId) : visibleSource;
  if (!source.ok) return source;
  const matched = sessionIfMatch(input, found.value);
  if (!matched.ok) return matched;
  const target = matched.value;
  if (source.value.id === target.id) return failure('merge-same-session', 'A session cannot be merged into itself.');
  const isActive = active(target);
  if (!isActive.ok) return isActive;
  if (reintegrate && !descendsFrom(store, source.value, target.id)) {
    return failure('not-a-descendant', `Session ${source.value.id} does not descend from ${target.id}; use :mergeFrom to pull from a related session.`);
  }
  if (body.expectedRevision !== undefined && body.expectedRevision !== target.head) {
    return failure('revision-mismatch', `The head of ${target.id} is ${target.head}, not ${body.expectedRevision}.`);
  }
  return success({ target, source: source.value, body });
}

/**
 * Retires the source into the target; one already retired into another session now points here.
 * False when it was retired into the target already (nothing changed).
 */
function retire(store: Store, source: SessionRecord, target: SessionRecord): boolean {
  if (source.status === 'merged' && source.mergedIntoSessionId === target.id) return false;
  source.status = 'merged';
  source.mergedIntoSessionId = target.id;
  store.touch(source);
  return true;
}

function merge(store: Store, input: HandlerInput, param: string, reintegrate: boolean): MockResponse {
  const checked = preconditions(store, input, param, reintegrate);
  if (!checked.ok) return problemFrom(checked);
  const { target, source, body } = checked.value;
  const plan = planMerge({ graph: store.graph, targetHead: target.head, sourceHead: source.head, strategy: body.strategy ?? 'fail' });
  let fastForward = false;
  let changed = false;
  let applied: readonly { path: string; change: string }[] = [];
  let resolved: readonly string[] = [];
  switch (plan.kind) {
    case 'unrelated-histories':
      return problemFrom(failure('unrelated-histories', `Sessions ${target.id} and ${source.id} share no history.`));
    case 'ambiguous-merge-base':
      return problemFrom(failure('ambiguous-merge-base', `The histories have ${plan.bases.length} lowest common ancestors (${plan.bases.join(', ')}); nothing was merged.`));
    case 'conflict':
      return problemFrom(failure('merge-conflict', `${plan.conflicts.length} path(s) conflict; nothing was merged.`, { conflicts: plan.conflicts }));
    case 'up-to-date':
      break;
    case 'fast-forward':
      store.moveHead(target, source.head);
      fastForward = true;
      changed = true;
      applied = plan.applied;
      break;
    case 'merged':
      if (plan.changed) changed = store.advance(target, plan.content, [target.head, source.head]);
      applied = plan.applied;
      resolved = plan.resolved;
      break;
  }
  const actor = input.principal.principalId;
  // One event per session changed, in the order they changed: the target, then the source.
  if (changed) store.events.append(target, 'merged', actor, { sourceSessionId: source.id, method: reintegrate ? 'merge' : 'mergeFrom', fastForward });
  if (reintegrate && body.retireSource && retire(store, source, target)) store.events.append(source, 'retired', actor, { mergedIntoSessionId: target.id });
  return json(200, { session: sessionDetail(target), fastForward, applied, resolved }, { etag: etag(target.version) });
}

/** `:merge` (reintegrate a fork into an ancestor) and `:mergeFrom` (pull from related history). */
export function mergeHandlers(store: Store): Record<string, OperationHandler> {
  return {
    mergeSession: (input) => merge(store, input, 'parentSessionId', true),
    mergeFromSession: (input) => merge(store, input, 'targetSessionId', false),
  };
}
