import { bytesToBase64 } from '../http/base64.js';
import type { MockRequest, MockResponse } from '../http/messages.js';
import type { ScenarioStep } from './scenario.js';

/** Request headers that change what a replayed step does; the rest (auth, tracing) are not kept. */
const KEPT_HEADERS = ['if-match', 'if-none-match', 'idempotency-key'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bodyOf(request: MockRequest): Pick<ScenarioStep, 'json' | 'base64' | 'contentType'> {
  const bytes = request.body;
  if (bytes === undefined || bytes.length === 0) return {};
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    // Accepted, so it parsed as JSON already.
    return { json: JSON.parse(utf8.decode(bytes)) as unknown };
  }
  return { base64: bytesToBase64(bytes), ...(contentType === undefined ? {} : { contentType }) };
}

/**
 * The scenario step that replays an accepted change, or null for reads, rejections and
 * idempotent replays (which changed nothing). Exports are the fixture's steps plus these, so an
 * exported state is always one the API can reach.
 */
export function recordStep(request: MockRequest, response: MockResponse, defaultToken: string): ScenarioStep | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  if (response.status >= 400 || response.headers['idempotent-replayed'] !== undefined) return null;
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
    expectStatus: response.status,
  };
}
