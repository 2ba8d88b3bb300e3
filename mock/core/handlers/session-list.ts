import type { HandlerInput } from '../http/pipeline.js';
import { problemFrom } from '../http/respond.js';
import type { MockResponse } from '../http/messages.js';
import { canSee } from '../state/access.js';
import type { SessionRecord } from '../state/session-record.js';
import { indexAfter, type Store } from '../state/store.js';
import { INVALID_CURSOR } from './common.js';
import { copySummaryJson, keepSummaryJson } from './views.js';

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

/** The sessions a page is picked from: all of them, or with a tag filter the rarest tag's. */
function candidates(store: Store, tags: readonly string[]): readonly SessionRecord[] {
  let fewest: readonly SessionRecord[] = store.order;
  for (const tag of tags) {
    const list = store.withTag(tag);
    if (list.length < fewest.length) fewest = list;
  }
  return fewest;
}

/**
 * One page of `GET /v1/sessions`, newest first. The cursor is the (createdAt, id) of the last item
 * returned, so a page resumes strictly after it however many sessions were created or deleted in
 * between: no repeats, and no skips of sessions that lived throughout.
 */
export function listSessionsPage(store: Store, input: HandlerInput): MockResponse {
  const limit = input.params.query.limit as number;
  const cursor = input.params.query.cursor as string | undefined;
  const source = candidates(store, (input.params.query.tag as string[] | undefined) ?? []);
  let start = source.length - 1;
  if (cursor !== undefined) {
    const key = store.cursors.decode(cursor, 2);
    if (!key || typeof key[0] !== 'string' || typeof key[1] !== 'string') return problemFrom(INVALID_CURSOR);
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
  const nextCursor = more && last ? store.cursors.encode([last.createdAt, last.id]) : null;
  return { status: 200, headers: { 'content-type': 'application/json' }, body: pageJson(store, items, nextCursor) };
}

const utf8 = new TextEncoder();
const PAGE_START = utf8.encode('{"items":[');
const COMMA = 0x2c;

/**
 * The page as UTF-8 JSON, copied together from each session's kept summary bytes: the same JSON
 * as serialising the page whole, with no text to join and none for the transport to encode.
 */
function pageJson(store: Store, items: readonly SessionRecord[], nextCursor: string | null): Uint8Array {
  // A cursor is base64url, so the end of the page is ASCII: one byte per character.
  const end = `],"nextCursor":${JSON.stringify(nextCursor)}}`;
  let length = PAGE_START.length + Math.max(0, items.length - 1) + end.length;
  for (const s of items) length += keepSummaryJson(s, store.bytes);
  const body = new Uint8Array(length);
  body.set(PAGE_START);
  let at = PAGE_START.length;
  for (const [index, s] of items.entries()) {
    if (index > 0) body[at++] = COMMA;
    at = copySummaryJson(s, body, at);
  }
  utf8.encodeInto(end, body.subarray(at));
  return body;
}
