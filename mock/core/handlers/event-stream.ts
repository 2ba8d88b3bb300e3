import type { MockStream } from '../http/messages.js';
import type { EventFeed, EventRecord } from '../state/event-log.js';

/** What a quiet stream sends so that proxies keep it open (contract §13: at least every 15 s). */
export const KEEP_ALIVE = ': keep-alive\n\n';

/** One event as a server-sent event: its id, its type, and its JSON on one `data:` line. */
export function sseFrame(event: EventRecord): string {
  // JSON.stringify escapes line breaks inside strings, so the data is always one line.
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `sseFrame` remembering its last answer: the streams of one session get each new event one after
 * another, so they share its frame instead of serialising it once per stream. One per store.
 */
export function frameCache(): (event: EventRecord) => string {
  let lastEvent: EventRecord | null = null;
  let lastFrame = '';
  return (event) => {
    if (event !== lastEvent) {
      lastFrame = sseFrame(event);
      lastEvent = event;
    }
    return lastFrame;
  };
}

/** A feed as a `text/event-stream` body, framed by `frame`: the adapter opens it, the feed says when it ends. */
export function eventStream(feed: EventFeed, frame: (event: EventRecord) => string = sseFrame): MockStream {
  return {
    keepAlive: KEEP_ALIVE,
    open(sink) {
      let open = true;
      const stop = feed.follow(
        (event) => sink.write(frame(event)),
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
