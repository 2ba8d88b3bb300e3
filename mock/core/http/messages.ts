import { isJsonContentType } from '../../../contract/index.js';

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
}

/** The JSON value of a response body (for tests and the admin log); `undefined` when not JSON. */
export function responseJson(response: MockResponse): unknown {
  if (response.body === undefined || !isJsonContentType(response.headers['content-type'])) return undefined;
  const text = typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
  return JSON.parse(text) as unknown;
}
