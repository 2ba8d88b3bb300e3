import { essence, isJsonMediaType } from '../../../contract/index.js';
import { bytesToBase64 } from '../http/base64.js';
import type { MockRequest, MockResponse } from '../http/messages.js';
import type { ScenarioStep } from './scenario.js';

/** Request headers that change what a replayed step does; the rest (auth, tracing) are not kept. */
const KEPT_HEADERS = ['if-match', 'if-none-match', 'idempotency-key'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An accepted change, kept in the few fields a replay needs and turned into a scenario step only
 * when state is exported. A busy mock keeps one per write, so it holds no more than that: not the
 * request's other headers, and the token rather than the whole Authorization value.
 */
export interface RecordedChange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The bearer token sent, if any. */
  readonly token: string | undefined;
  /** The request's {@link KEPT_HEADERS}; `undefined` when it sent none of them. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly contentType: string | undefined;
  /**
   * A JSON body as its text (it was accepted, so it is valid UTF-8); any other body as bytes. Text
   * costs the garbage collector less than a buffer: each buffer is tracked on its own.
   */
  readonly body: string | Uint8Array | undefined;
}


/**
 * Keeps what replaying `request` needs. `tokenOf` reads the bearer token (the core's reader returns
 * known tokens' own strings, so records share them instead of copying).
 * `keepBytes` copies a non-JSON body into storage of the caller's choosing (the store's byte slab),
 * so the transport's buffer can go.
 */
export function recordChange(request: MockRequest, status: number, tokenOf: (authorization: string | undefined) => string | undefined, keepBytes: (bytes: Uint8Array) => Uint8Array = (b) => b): RecordedChange {
  const given = request.headers;
  let headers: Record<string, string> | undefined;
  for (const name of KEPT_HEADERS) {
    const value = given[name];
    if (value !== undefined) (headers ??= {})[name] = value;
  }
  const token = tokenOf(given.authorization);
  const contentType = given['content-type'];
  const raw = request.body;
  const body = raw === undefined || raw.length === 0 ? raw : isJson(contentType) ? textOrBytes(raw) : keepBytes(raw);
  return { method: request.method, url: request.url, status, token, headers, contentType, body };
}

/**
 * Whether a request/response pair is an accepted change worth replaying: not a read, not a
 * rejection, not an idempotent replay (which changed nothing). Exports are the fixture's steps
 * plus these, so an exported state is always one the API can reach.
 */
export function isRecordedChange(request: MockRequest, response: MockResponse): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  return response.status < 400 && response.headers['idempotent-replayed'] === undefined;
}

/** Accepted JSON is valid UTF-8; should that ever not hold, the bytes are kept rather than thrown on. */
function textOrBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
}

/** The contract's own rule for JSON media types (`application/json`, `…+json`), parameters aside. */
function isJson(contentType: string | undefined): boolean {
  const type = essence(contentType);
  return type !== null && isJsonMediaType(type);
}

function bodyOf(change: RecordedChange): Pick<ScenarioStep, 'json' | 'text' | 'base64' | 'contentType'> {
  const { body, contentType } = change;
  if (body === undefined || body.length === 0) return contentType === undefined ? {} : { text: '', contentType };
  // Accepted, so a JSON body parsed already.
  if (typeof body === 'string') return { json: JSON.parse(body) as unknown };
  return { base64: bytesToBase64(body), ...(contentType === undefined ? {} : { contentType }) };
}

/** The scenario step that replays a recorded change. */
export function toScenarioStep(change: RecordedChange, defaultToken: string): ScenarioStep {
  return {
    method: change.method as ScenarioStep['method'],
    path: change.url,
    ...(change.token !== undefined && change.token !== defaultToken ? { as: change.token } : {}),
    ...(change.headers === undefined ? {} : { headers: { ...change.headers } }),
    ...bodyOf(change),
    expectStatus: change.status,
  };
}
