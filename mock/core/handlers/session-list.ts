import type { HandlerInput } from '../http/pipeline.js';
import { problem } from '../http/respond.js';
import type { MockResponse } from '../http/messages.js';
import { canSee } from '../state/access.js';
import { decodeCursor, encodeCursor } from '../state/cursor.js';
import type { SessionRecord } from '../state/session-record.js';
import { indexAfter, type Store } from '../state/store.js';
import { sessionSummaryJson } from './views.js';

function matcher(input: HandlerInput): (s: SessionRecord) => boolean {
  const q = input.params.query;
  const tags = (q.tag as string[] | undefined) ?? [];
  return (s) =>
    canSee(input.principal, s) &&
    tags.every((t) => s.tags.includes(t)) &&
    (q.purpose === undefined || s.purpose === q.purpose) &&
    (q.status === undefined || s.status === q.status) &&
    (q.ownerId === undefined || s.ownerId === q.ownerId) &&
    (q.parentSessionId === undefined || s.parentSessionId === q.parentSessionId);
}

/**
 * One page of `GET /v1/sessions`, newest first. The cursor is the (createdAt, id) of the last item
 * returned, so a page resumes strictly after it however many sessions were created or deleted in
 * between: no repeats, and no skips of sessions that lived throughout.
 */
/** The sessions a page is picked from: all of them, or with a tag filter the rarest tag's. */
function candidates(store: Store, tags: readonly string[]): readonly SessionRecord[] {
  let fewest: readonly SessionRecord[] = store.order;
  for (const tag of tags) {
    const list = store.withTag(tag);
    if (list.length < fewest.length) fewest = list;
  }
  return fewest;
}

export function listSessionsPage(store: Store, input: HandlerInput): MockResponse {
  const limit = input.params.query.limit as number;
  const cursor = input.params.query.cursor as string | undefined;
  const source = candidates(store, (input.params.query.tag as string[] | undefined) ?? []);
  let start = source.length - 1;
  if (cursor !== undefined) {
    const key = decodeCursor(cursor, 2);
    if (!key || typeof key[0] !== 'string' || typeof key[1] !== 'string') return problem('invalid-cursor', 'This cursor was not made by this server.', { errors: [{ pointer: '#/query/cursor', message: 'not a valid cursor' }] });
    // indexAfter gives the first position past the key; everything before it is older or equal.
    start = indexAfter(source, key[0], key[1]) - 1;
    const at = source[start];
    if (at && at.createdAt === key[0] && at.id === key[1]) start -= 1;
  }
  const matches = matcher(input);
  const items: SessionRecord[] = [];
  let more = false;
  for (let i = start; i >= 0; i -= 1) {
    const s = source[i] as SessionRecord;
    if (!matches(s)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(s);
  }
  const last = items[items.length - 1];
  const nextCursor = more && last ? encodeCursor([last.createdAt, last.id]) : null;
  // Assembled from each session's kept summary text: the same JSON as serialising the page whole.
  const body = `{"items":[${items.map(sessionSummaryJson).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
}
