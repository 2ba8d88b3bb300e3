import { negotiate } from '../../../contract/portable.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { failure, json, problem, problemFrom, success, type Result } from '../http/respond.js';
import type { Store } from '../state/store.js';
import { header, readable } from './common.js';
import { eventStream, frameCache } from './event-stream.js';

const JSON_TYPE = 'application/json';
const STREAM_TYPE = 'text/event-stream';
/** JSON first: it wins a tie (contract §13). */
const OFFERED = [JSON_TYPE, STREAM_TYPE] as const;

/**
 * Where a read of the session's log starts: after event `id` (from `pointer`), or at the first
 * event. An id that is not an event of this session is `400 invalid-cursor`.
 */
function start(store: Store, sessionId: string, id: string | undefined, pointer: string): Result<number> {
  if (id === undefined) return success(0);
  const position = store.events.positionAfter(sessionId, id);
  if (position >= 0) return success(position);
  return failure('invalid-cursor', `${id} is not an event of session ${sessionId}.`, { errors: [{ pointer, message: 'not an event of this session' }] });
}

/**
 * `GET /events`: a JSON page after `after`, or a `text/event-stream` that starts after
 * `Last-Event-ID` (else `after`, else the first event). Viewers may read it. The Accept check comes
 * before the session lookup, like the other checks of the request's shape (§6).
 */
export function eventHandlers(store: Store): Record<string, OperationHandler> {
  const frame = frameCache();
  return {
    listEvents(input: HandlerInput) {
      const type = negotiate(input.request.headers.accept, OFFERED);
      if (type === null) return problem('not-acceptable', `Events are served as ${OFFERED.join(' or ')}; the Accept header allows neither.`);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const sessionId = found.value.id;
      const after = input.params.query.after as string | undefined;
      if (type === STREAM_TYPE) {
        const lastEventId = header(input, 'last-event-id');
        const from = lastEventId === undefined ? start(store, sessionId, after, '#/query/after') : start(store, sessionId, lastEventId, '#/header/last-event-id');
        if (!from.ok) return problemFrom(from);
        return { status: 200, headers: { 'content-type': STREAM_TYPE, 'cache-control': 'no-store' }, stream: eventStream(store.events.feed(sessionId, from.value), frame) };
      }
      const from = start(store, sessionId, after, '#/query/after');
      if (!from.ok) return problemFrom(from);
      const items = store.events.of(sessionId).slice(from.value, from.value + (input.params.query.limit as number));
      return json(200, { items, nextCursor: items.length === 0 ? null : (items[items.length - 1]?.id ?? null) });
    },
  };
}
