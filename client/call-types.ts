import type { FetchOptions } from 'openapi-fetch';
import type { components, operations } from '../contract/generated/openapi.js';
import type { OperationId } from './operation-table.js';

/** What a call of operation K takes: `params` (path, query, header), `body`, and fetch options (`signal` …). */
export type CallInit<K extends OperationId> = FetchOptions<operations[K]>;

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

/** A successful call: the parsed body with the status and the headers a client acts on. */
export interface CallResult<K extends OperationId> {
  readonly data: SuccessBody<K>;
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
