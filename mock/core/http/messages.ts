import { isJsonContentType } from '../../../contract/portable.js';

/**
 * The mock core's transport-agnostic request and response. Adapters (node:http, tests, a future
 * browser adapter) translate to and from these; the core never sees a socket.
 */
export interface MockRequest {
  readonly method: string;
  /** The raw request target: path plus optional `?query`, still percent-encoded. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body bytes; `undefined` or empty when there is none. */
  readonly body?: Uint8Array;
  /**
   * Set (to the limit in bytes) instead of `body` when the adapter stopped reading a body larger
   * than it buffers: the request is still answered, in order, with `413 content-too-large`.
   */
  readonly bodyOverLimit?: number;
}

export interface MockResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Serialised body; JSON bodies are already strings, file bodies bytes. */
  readonly body?: string | Uint8Array;
  /** The `code` of a problem+json body the mock built, so logs need not parse the body again. Never sent. */
  readonly problemCode?: string;
  /** Set when the response was stored under its `Idempotency-Key` (a retry replays it). Never sent. */
  readonly remembered?: boolean;
  /** Set instead of `body` on a response that stays open (server-sent events); the adapter writes it out. */
  readonly stream?: MockStream;
}

/** Where a streamed response's chunks go: the adapter's side, which owns the socket. */
export interface StreamSink {
  write(chunk: string): void;
  /** The stream is over: the adapter ends the response. */
  end(): void;
}

/**
 * A response body that stays open. The core holds no socket and no timer: the adapter opens the
 * stream once it has written the head, and closes it when the client goes away or the server stops.
 */
export interface MockStream {
  /**
   * Writes what there is now (the backlog) at once, then each chunk as it happens, and calls
   * `sink.end()` once when the stream is over. Returns `close`, which releases the stream without
   * calling `end` (idempotent).
   */
  open(sink: StreamSink): () => void;
  /** A chunk the adapter writes when the stream has been quiet for a while, so proxies keep it open. */
  readonly keepAlive: string;
}

/** The JSON value of a response body (for tests and the admin log); `undefined` when not JSON. */
export function responseJson(response: MockResponse): unknown {
  if (response.body === undefined || !isJsonContentType(response.headers['content-type'])) return undefined;
  const text = typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
  return JSON.parse(text) as unknown;
}
