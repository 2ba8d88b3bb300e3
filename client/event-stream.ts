import type { SessionEvent } from './call-types.js';
import { defaultSleep } from './idempotent-retry.js';
import { SessionApiError } from './session-api-error.js';
import { SseParser } from './sse-parser.js';

/** Where the stream is read from: the client's base URL, token and fetch. */
export interface EventConnection {
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: (input: Request) => Promise<Response>;
}

/** How {@link followEvents} starts, stops and reconnects. */
export interface FollowEventsOptions {
  /** Resume after this event id (sent as `Last-Event-ID`); default: the whole log from its first event. */
  readonly lastEventId?: string;
  /** Aborting ends the iteration cleanly (no error), also while waiting to reconnect. */
  readonly signal?: AbortSignal;
  /** Connection attempts in a row that may fail (network error or 5xx) before it gives up; default 5. */
  readonly attempts?: number;
  /** The wait before reconnect n (1-based, back to 1 once a stream opens), in ms; default 250 · 2^(n-1), at most 5 s. */
  readonly backoff?: (reconnect: number) => number;
  /** How to wait (tests inject it). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Follows a session's event log over `text/event-stream` with `fetch`, which, unlike
 * `EventSource`, sends `Authorization` (contract §13: the token never goes in a URL). Yields
 * every event in order. When the server ends the stream or the connection drops, it reconnects
 * with `Last-Event-ID` = the last id it yielded, so nothing is missed or repeated. It ends after
 * yielding `session.deleted`, when `signal` aborts, or when the caller stops iterating; a 4xx
 * (the session is gone, the token is unknown) rejects with a {@link SessionApiError}.
 */
export async function* followEvents(connection: EventConnection, sessionId: string, options: FollowEventsOptions = {}): AsyncGenerator<SessionEvent, void, undefined> {
  const fetchImpl = connection.fetch ?? ((input: Request) => globalThis.fetch(input));
  const url = `${connection.baseUrl.replace(/\/+$/, '')}/v1/sessions/${encodeURIComponent(sessionId)}/events`;
  const { signal } = options;
  const attempts = Math.max(1, options.attempts ?? 5);
  const backoff = options.backoff ?? ((n: number) => Math.min(5000, 250 * 2 ** (n - 1)));
  const sleep = options.sleep ?? defaultSleep;
  let lastId = options.lastEventId;
  let failures = 0; // connection attempts in a row that failed
  for (let tries = 0; ; tries++) {
    if (signal?.aborted) return;
    if (tries > 0) {
      await sleep(backoff(failures + 1), signal);
      if (signal?.aborted) return;
    }
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${connection.token}` };
    if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
    let response: Response;
    try {
      response = await fetchImpl(new Request(url, { headers, signal: signal ?? null }));
    } catch (error) {
      if (signal?.aborted) return;
      if (++failures >= attempts) throw error;
      continue;
    }
    if (!response.ok || !response.body) {
      const body: unknown = await response.json().catch(() => null);
      const failure = new SessionApiError(response.status, body, response);
      if (response.status < 500 || ++failures >= attempts) throw failure;
      continue;
    }
    failures = 0; // the stream opened: a drop from here on starts the backoff afresh
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break; // a clean end (restart, deploy): reconnect
        for (const message of parser.push(value)) {
          const event = JSON.parse(message.data) as SessionEvent;
          lastId = message.id ?? event.id;
          yield event;
          if (event.type === 'session.deleted') return;
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      // A dropped connection is what reconnecting is for; a body that is not the API's events is a bug to report.
      if (error instanceof SyntaxError) throw error;
    } finally {
      // Stopping early (break, return, abort) must release the connection.
      await reader.cancel().catch(() => undefined);
    }
  }
}
