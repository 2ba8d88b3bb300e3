/**
 * `PATCH /tags` (SEMANTICS §10): workflow state, not content.
 */
import type { Principal } from './access.js';
import type { ModelStore } from './model-store.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { detailView, type SessionDetail } from './session-state.js';
import { isValidTagPatch, MAX_TAGS, patchedTags, type TagPatch } from './tags.js';

/**
 * Adds and removes tags with set semantics; the result is sorted. No revision ever; `version`
 * moves only when the set changed. More than 32 would result: 409 `tag-limit-exceeded`.
 * Tags are workflow state, not content: a merged (read-only) session still takes them
 * (contract README §3, "What a `merged` session still allows").
 */
export function patchTags(store: ModelStore, actor: Principal | null, sessionId: string, input: TagPatch & { ifMatch?: string }): Outcome<SessionDetail> {
  const invalid = isValidTagPatch(input) ? null : fail('validation-failed');
  const located = store.guard(actor, sessionId, { need: 'change', ifMatch: input.ifMatch, invalid });
  if (!located.ok) return located;
  const session = located.session;
  const next = patchedTags(session.tags, input);
  if (next.length > MAX_TAGS) return fail('tag-limit-exceeded');
  const before = session.tags;
  store.tracked(session, () => {
    session.tags = next;
  });
  const added = next.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !next.includes(t));
  if (added.length > 0 || removed.length > 0) store.emit(session, 'tags.changed', actor as Principal, { added, removed, tags: [...next] });
  return succeed(detailView(session, store.graph));
}
