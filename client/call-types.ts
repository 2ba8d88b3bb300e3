import type { FetchOptions } from 'openapi-fetch';
import type { components, operations } from '../contract/generated/openapi.js';
import type { BytesOperationId, OperationId } from './operation-table.js';

/**
 * A file's content as a `bytes` body (`putFile`) takes it: text (sent as its UTF-8 bytes) or raw
 * bytes, which go out as they are, never JSON-encoded (the contract accepts any bytes).
 */
export type FileBytes = string | Uint8Array | ArrayBuffer | Blob;

/**
 * What a call of operation K takes: `params` (path, query, header), `body`, and fetch options
 * (`signal`, `parseAs` …). A `bytes` operation's body is {@link FileBytes} (the generated type says
 * only `string`); a JSON object there is still a type error.
 */
export type CallInit<K extends OperationId> = K extends BytesOperationId
  ? Omit<FetchOptions<operations[K]>, 'body'> & { body?: FileBytes }
  : FetchOptions<operations[K]>;

/** The `parseAs` values a call can read its success body with instead of the default, and what `data` then is. */
export interface ParsedBody {
  readonly text: string;
  readonly arrayBuffer: ArrayBuffer;
  readonly blob: Blob;
}

/** The init argument: required when the operation has required parameters or a required body. */
export type CallArgs<K extends OperationId> = object extends CallInit<K> ? [init?: CallInit<K>] : [init: CallInit<K>];

type Responses<K extends OperationId> = operations[K]['responses'];
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204>;
// Where a response has JSON and another form (events: JSON or a stream), a call reads the JSON.
type Content<R> = R extends { content: infer C } ? (C extends { 'application/json': infer J } ? J : C[keyof C]) : undefined;

/** The success body of operation K (undefined for 204, and for a 304 where the operation has one). */
export type SuccessBody<K extends OperationId> =
  | { [S in SuccessStatus<K>]: Content<Responses<K>[S]> }[SuccessStatus<K>]
  | (304 extends keyof Responses<K> ? undefined : never);

/** The success body of operation K read with `parseAs: P` (undefined for 204, and for a 304 where the operation has one). */
export type ParsedSuccessBody<K extends OperationId, P extends keyof ParsedBody> =
  | ([Extract<SuccessStatus<K>, 200 | 201 | 202>] extends [never] ? undefined : ParsedBody[P])
  | (204 extends SuccessStatus<K> ? undefined : never)
  | (304 extends keyof Responses<K> ? undefined : never);

/** A successful call: the parsed body (type D) with the status and the headers a client acts on. */
export interface CallResult<K extends OperationId, D = SuccessBody<K>> {
  readonly data: D;
  readonly status: number;
  /** The response's `ETag`, to send back as `If-Match` (see {@link ifMatch}) or `If-None-Match`. */
  readonly etag: string | null;
  /** True for a `304 Not Modified` answer to `If-None-Match`: `data` is undefined, keep your copy. */
  readonly notModified: boolean;
  readonly response: Response;
}

/** The item type of a paged list operation. */
export type PageItem<K extends OperationId> = Extract<SuccessBody<K>, { items: readonly unknown[] }>['items'][number];

/** An event of a session's log (contract §13). */
export type SessionEvent = components['schemas']['Event'];
