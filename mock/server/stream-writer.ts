import type { ServerResponse } from 'node:http';
import type { MockResponse, MockStream } from '../core/http/messages.js';

/** A quiet stream sends the core's keep-alive after this long (contract §13: at least every 15 s). */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * A client that reads slower than events come would make the server buffer without bound; past
 * this many unsent bytes its stream ends, and it reconnects with `Last-Event-ID` (nothing lost).
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The streams one server has open, so that stopping it can end them first rather than hang on them. */
export class OpenStreams {
  private readonly ends = new Set<() => void>();

  /** Registers a stream's `end`; the returned function forgets it. */
  add(end: () => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }

  /** How many streams are open now. */
  get size(): number {
    return this.ends.size;
  }

  /** Ends every open stream (each response is ended, so clients see a clean end). */
  endAll(): void {
    for (const end of [...this.ends]) end();
  }
}

/** How streamed responses are written. */
export interface StreamOptions {
  /** A stream quiet this long gets the core's keep-alive chunk. */
  readonly heartbeatMs: number;
  /** Where the listener registers its streams (the server ends them before it closes). */
  readonly open: OpenStreams;
}

/**
 * Writes a streamed response: the head at once (no content-length, so node chunks it and keeps
 * the connection), then whatever the core's stream sends, a keep-alive whenever it has been quiet
 * for `heartbeatMs`, until the stream ends, the client goes away, or the server ends it. Every way
 * out releases the core's subscription and the timer.
 */
export function writeStream(outgoing: ServerResponse, response: MockResponse, stream: MockStream, extraHeaders: Readonly<Record<string, string>>, options: StreamOptions): void {
  const own = response.headers;
  const flat: string[] = [];
  for (const name in extraHeaders) if (own[name] === undefined) flat.push(name, extraHeaders[name] as string);
  for (const name in own) flat.push(name, own[name] as string);
  outgoing.writeHead(response.status, flat);
  // Clients wait for the head before they show a stream as open; the backlog may be empty.
  outgoing.flushHeaders();

  let finished = false;
  let close: (() => void) | null = null;
  const heartbeat = setTimeout(function beat() {
    outgoing.write(stream.keepAlive);
    heartbeat.refresh();
  }, options.heartbeatMs);
  // The server keeps the process alive while it listens; a quiet stream alone should not.
  heartbeat.unref();
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(heartbeat);
    forget();
    close?.();
  };
  const end = (): void => {
    if (finished) return;
    finish();
    outgoing.end();
  };
  const forget = options.open.add(end);
  // 'close' comes when the response ended or the client went away: either way, let go.
  outgoing.once('close', finish);
  const opened = stream.open({
    write(chunk) {
      if (finished) return;
      outgoing.write(chunk);
      heartbeat.refresh();
      if (outgoing.writableLength > MAX_BUFFERED_BYTES) end();
    },
    end,
  });
  // The stream may have ended while opening (its session was deleted meanwhile): release it now.
  if (finished) opened();
  else close = opened;
}
