import type { MockStream } from '../http/messages.js';
import type { EventFeed, EventRecord } from '../state/event-log.js';

/** What a quiet stream sends so that proxies keep it open (contract §13: at least every 15 s). */
export const KEEP_ALIVE = ': keep-alive\n\n';

/** One event as a server-sent event: its id, its type, and its JSON on one `data:` line. */
export function sseFrame(event: EventRecord): string {
  // JSON.stringify escapes line breaks inside strings, so the data is always one line.
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A feed as a `text/event-stream` body: the adapter opens it, the feed says when it ends. */
export function eventStream(feed: EventFeed): MockStream {
  return {
    keepAlive: KEEP_ALIVE,
    open(sink) {
      let open = true;
      const stop = feed.follow(
        (event) => sink.write(sseFrame(event)),
        () => {
          if (!open) return;
          open = false;
          sink.end();
        },
      );
      return () => {
        open = false;
        stop();
      };
    },
  };
}
