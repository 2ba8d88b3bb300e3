import { isJsonContentType } from '../../../contract/portable.js';
import { bytesToBase64 } from '../http/base64.js';
import type { MockRequest, MockResponse } from '../http/messages.js';
import type { ScenarioStep } from './scenario.js';

/** Request headers that change what a replayed step does; the rest (auth, tracing) are not kept. */
const KEPT_HEADERS = ['if-match', 'if-none-match', 'idempotency-key'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An accepted change, kept in the few fields a replay needs and turned into a scenario step only
 * when state is exported: not the request's other headers, and the token rather than the whole
 * Authorization value.
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
  /** The body as sent; the caller copies it before the transport may reuse the buffer. */
  readonly body: Uint8Array | undefined;
  /** The clock reading the request ran at (ms), so a replay runs it at the same instant. */
  readonly at: number;
}

/** Picks what replaying `request` needs. `tokenOf` reads the bearer token from `Authorization`; `at` is the clock reading it ran at. */
export function recordChange(request: MockRequest, status: number, tokenOf: (authorization: string | undefined) => string | undefined, at: number): RecordedChange {
  const given = request.headers;
  let headers: Record<string, string> | undefined;
  for (const name of KEPT_HEADERS) {
    const value = given[name];
    if (value !== undefined) (headers ??= {})[name] = value;
  }
  return { method: request.method, url: request.url, status, token: tokenOf(given.authorization), headers, contentType: given['content-type'], body: request.body, at };
}

/**
 * Whether a request/response pair is a change worth replaying: an accepted write, or a refused
 * one whose answer an `Idempotency-Key` remembers; not a read, not an idempotent replay (which
 * changed nothing). Exports are the fixture's steps plus these, so an exported state is always
 * one the API can reach.
 */
export function isRecordedChange(request: MockRequest, response: MockResponse): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  if (response.headers['idempotent-replayed'] !== undefined) return false;
  // A refusal under an Idempotency-Key is remembered, and a retry after a restart must replay it.
  return response.status < 400 || response.remembered === true;
}

/** An accepted JSON body parsed already, so it is valid; should that ever not hold, it goes out as bytes. */
function parsedJson(bytes: Uint8Array): { json: unknown } | null {
  try {
    return { json: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return null;
  }
}

function bodyOf(change: RecordedChange): Pick<ScenarioStep, 'json' | 'text' | 'base64' | 'contentType'> {
  const { body, contentType } = change;
  if (body === undefined || body.length === 0) return contentType === undefined ? {} : { text: '', contentType };
  return (isJsonContentType(contentType) ? parsedJson(body) : null) ?? { base64: bytesToBase64(body), ...(contentType === undefined ? {} : { contentType }) };
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
    at: new Date(change.at).toISOString(),
  };
}

/**
 * The request that replays a recorded change byte for byte (a journal's replay): the body as it
 * was sent, not re-serialised as an export's step would be, so fingerprints and content match.
 */
export function changeRequest(change: RecordedChange, defaultToken: string): MockRequest {
  const headers: Record<string, string> = { ...change.headers, authorization: `Bearer ${change.token ?? defaultToken}` };
  if (change.contentType !== undefined) headers['content-type'] = change.contentType;
  return { method: change.method, url: change.url, headers, body: change.body };
}
