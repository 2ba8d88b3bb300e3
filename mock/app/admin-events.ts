/**
 * `GET /__admin/events`: every session's events as they happen, one server-sent event each, for
 * the admin UI (it redraws on each instead of waiting for its next poll). Admin-only like the
 * rest of /__admin: no API token; with `--admin-token` the admin token, which is why the UI reads
 * it with fetch (EventSource cannot send a header). Unnamed events (`data:` only), so
 * `EventSource.onmessage` gets them all on an open mock; the stream ends when the state is
 * replaced (reset, import) and the reader reconnects to the new one.
 */
import { KEEP_ALIVE } from '../core/handlers/event-stream.js';
import type { MockResponse } from '../core/http/messages.js';
import type { MockCore } from '../core/mock-core.js';

export function adminEvents(core: Pick<MockCore, 'followAllEvents'>, head: boolean): MockResponse {
  const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' };
  if (head) return { status: 200, headers };
  return {
    status: 200,
    headers,
    stream: {
      keepAlive: KEEP_ALIVE,
      open(sink) {
        let open = true;
        const stop = core.followAllEvents(
          (event) => sink.write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`),
          () => {
            if (!open) return;
            open = false;
            sink.end();
          },
        );
        // An opening comment, so a client sees the stream live before the first event.
        sink.write(': following every session\n\n');
        return () => {
          open = false;
          stop();
        };
      },
    },
  };
}
