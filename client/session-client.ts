import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../contract/generated/openapi.js';
import type { CallArgs, CallInit, CallResult, PageItem, ParsedBody, ParsedSuccessBody } from './call-types.js';
import { followEvents, type FollowEventsOptions } from './event-stream.js';
import { withIdempotencyKey, type RetryOptions } from './idempotent-retry.js';
import { OPERATIONS, type OperationId, type PagedOperationId } from './operation-table.js';
import { fillPath, withDefaultHeader } from './request-helpers.js';
import { SessionApiError } from './session-api-error.js';
import type { SessionEvent } from './call-types.js';

/** What {@link createSessionClient} needs. */
export interface SessionClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:4010` (paths start with `/v1`). */
  readonly baseUrl: string;
  /** The bearer token, sent as `Authorization: Bearer <token>` on every request, streams included. */
  readonly token: string;
  /** Another fetch (a test double, a fetch with a proxy agent); default `globalThis.fetch`. */
  readonly fetch?: (input: Request) => Promise<Response>;
  /** How POSTs are retried with their `Idempotency-Key`. */
  readonly retry?: RetryOptions;
}

/** A client for the Session API; see {@link createSessionClient}. */
export interface SessionClient {
  /**
   * Calls any operation of the contract by its operationId, typed from the generated types.
   * Resolves with the success body (and `etag`); rejects with a {@link SessionApiError} for every
   * error answer. POSTs carry an `Idempotency-Key` (yours from `params.header`, else a new one)
   * and are retried with it after a network error or a 5xx.
   *
   * `putFile` takes the file's bytes as they are: a string, `Uint8Array`, `ArrayBuffer` or `Blob`
   * (sent as `application/octet-stream` unless you set `Content-Type`). `getFile` reads them as
   * text by default; `parseAs: 'arrayBuffer'` (or `'blob'`) reads them raw, byte for byte.
   */
  call<K extends OperationId, P extends keyof ParsedBody>(
    operationId: K,
    init: CallInit<NoInfer<K>> & { readonly parseAs: P },
  ): Promise<CallResult<K, ParsedSuccessBody<K, P>>>;
  call<K extends OperationId>(operationId: K, ...init: CallArgs<NoInfer<K>>): Promise<CallResult<K>>;
  /** Every item of a paged list, page after page (`cursor` ← `nextCursor`), fetched as you iterate. */
  pages<K extends PagedOperationId>(operationId: K, ...init: CallArgs<NoInfer<K>>): AsyncGenerator<PageItem<K>, void, undefined>;
  /** Follows a session's event stream; see {@link followEvents}. */
  events(sessionId: string, options?: FollowEventsOptions): AsyncGenerator<SessionEvent, void, undefined>;
  /** The underlying openapi-fetch client (`api.GET('/v1/sessions/{sessionId}', …)`), with auth and path encoding set. */
  readonly api: Client<paths>;
}

/** What openapi-fetch resolves with, before the client types it per operation. */
interface RawAnswer {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

type LooseInit = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  headers?: unknown;
  parseAs?: string;
  signal?: AbortSignal | null;
  [key: string]: unknown;
};

/**
 * Creates a typed client over `openapi-fetch` and the contract's generated types. Path parameters
 * are filled as one percent-encoded segment each (file paths included: pass `src/app.ts` as it
 * is), the `:merge` / `:mergeFrom` colon is sent as is, and errors become {@link SessionApiError}.
 */
export function createSessionClient(options: SessionClientOptions): SessionClient {
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: fetchImpl,
    headers: { Authorization: `Bearer ${options.token}` },
    pathSerializer: fillPath,
  });

  async function send(operationId: OperationId, init: LooseInit): Promise<CallResult<OperationId>> {
    const entry = OPERATIONS[operationId];
    const request: LooseInit = { ...init, parseAs: init.parseAs ?? entry.response };
    if (entry.body === 'bytes') {
      // File bytes go as they are, never JSON-encoded; octet-stream unless the caller says text/plain.
      request.bodySerializer = (body: unknown) => body;
      request.headers = withDefaultHeader(init.headers, 'Content-Type', 'application/octet-stream');
    }
    if (request.parseAs === 'none') delete request.parseAs;
    const raw = api.request as unknown as (method: string, path: string, init: unknown) => Promise<RawAnswer>;
    const once = (key?: string): Promise<RawAnswer> => {
      const keyed = key === undefined ? request : { ...request, params: { ...request.params, header: { ...request.params?.header, 'Idempotency-Key': key } } };
      return raw(entry.method.toLowerCase(), entry.path, keyed);
    };
    const given = init.params?.header?.['Idempotency-Key'];
    const signal = init.signal ?? undefined;
    const answer = entry.idempotencyKey
      ? await withIdempotencyKey(once, options.retry, typeof given === 'string' ? given : undefined, signal)
      : await once();
    const { response } = answer;
    const etag = response.headers.get('etag');
    if (response.status === 304) return { data: undefined, status: 304, etag, notModified: true, response } as CallResult<OperationId>;
    if (!response.ok) throw new SessionApiError(response.status, answer.error, response);
    return { data: answer.data, status: response.status, etag, notModified: false, response } as CallResult<OperationId>;
  }

  const client: SessionClient = {
    api,
    // One implementation for both signatures: the types are the interface's, the run time is send's.
    call: ((operationId: OperationId, ...init: [init?: LooseInit]) => send(operationId, init[0] ?? {})) as SessionClient['call'],
    async *pages(operationId, ...init) {
      const base = (init[0] ?? {}) as LooseInit;
      let cursor: string | null | undefined = base.params?.query?.cursor as string | undefined;
      do {
        const params = { ...base.params, query: { ...base.params?.query, ...(cursor ? { cursor } : {}) } };
        const { data } = await send(operationId, { ...base, params });
        const page = data as { items: PageItem<typeof operationId>[]; nextCursor: string | null };
        yield* page.items;
        cursor = page.nextCursor;
      } while (cursor);
    },
    events: (sessionId, eventOptions) => followEvents({ baseUrl: options.baseUrl, token: options.token, fetch: fetchImpl }, sessionId, eventOptions),
  };
  return client;
}

export type { CallInit };
