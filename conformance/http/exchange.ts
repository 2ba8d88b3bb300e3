/**
 * One HTTP request and its response, as data: what the suite sent and what the server answered.
 * Traces, curl scripts and contract checks are all built from these.
 */

/** A request the suite sends. `path` includes the query and is already percent-encoded. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  /** Bearer token; `null` sends no Authorization header. */
  readonly token: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** A raw body (file bytes). */
  readonly bytes?: Uint8Array;
  readonly contentType?: string;
  /**
   * Read the answer as a stream that may never end (an event stream): stop once `until` says the
   * text read so far is enough, or after `timeoutMs`, and keep what was read.
   */
  readonly stream?: { readonly until: (text: string) => boolean; readonly timeoutMs: number };
}

/** The server's answer. `json` is set for JSON media types, `bytes` always holds the raw body. */
export interface ApiResponse {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: Uint8Array;
  readonly json: unknown;
  readonly contentType: string | null;
  /** For a streamed request: whether the server ended the body, `until` was met, or time ran out. */
  readonly streamEnd?: 'ended' | 'enough' | 'timeout';
}

/** A completed exchange, with the contract operation it matched (null: matched none). */
export interface Exchange {
  readonly request: ApiRequest;
  readonly response: ApiResponse;
  readonly operationId: string | null;
  readonly durationMs: number;
}
