import { bytesToBase64 } from '../http/base64.js';
import type { MockRequest, MockResponse } from '../http/messages.js';
import type { ScenarioStep } from './scenario.js';

/** Request headers that change what a replayed step does; the rest (auth, tracing) are not kept. */
const KEPT_HEADERS = ['if-match', 'if-none-match', 'idempotency-key'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An accepted change as it arrived: turned into a scenario step only when state is exported. */
export interface RecordedChange {
  readonly request: MockRequest;
  readonly status: number;
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

function bodyOf(request: MockRequest): Pick<ScenarioStep, 'json' | 'text' | 'base64' | 'contentType'> {
  const bytes = request.body;
  if (bytes === undefined || bytes.length === 0) return request.headers['content-type'] === undefined ? {} : { text: '', contentType: request.headers['content-type'] };
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    // Accepted, so it parsed as JSON already.
    return { json: JSON.parse(utf8.decode(bytes)) as unknown };
  }
  return { base64: bytesToBase64(bytes), ...(contentType === undefined ? {} : { contentType }) };
}

/** The scenario step that replays a recorded change. */
export function toScenarioStep(change: RecordedChange, defaultToken: string): ScenarioStep {
  const { request } = change;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    method: request.method as ScenarioStep['method'],
    path: request.url,
    ...(token !== undefined && token !== defaultToken ? { as: token } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...bodyOf(request),
    expectStatus: change.status,
  };
}
