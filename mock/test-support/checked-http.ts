import { request } from 'undici';
import { contractViolations, type TestRequest } from './checked-core.js';

/** A request as HTTP tests write it: the same fields as a core test's. */
export type HttpTestRequest = TestRequest;

/** An answer as HTTP tests read it, checked against the contract already. */
export interface HttpTestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly json: any;
}

/**
 * Sends one request over a real socket and checks the answer against the contract (admin routes
 * are outside it); a violation throws, so the test that provoked it fails.
 */
export async function sendChecked(baseUrl: string, method: string, path: string, options: HttpTestRequest = {}, defaultToken = 'demo-ana'): Promise<HttpTestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? defaultToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (body !== undefined) headers['content-type'] ??= 'application/octet-stream';
  const response = await request(`${baseUrl}${path}`, { method: method as 'GET', headers, body });
  const bytes = new Uint8Array(await response.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  const text = new TextDecoder().decode(bytes);
  if (!path.startsWith('/__admin')) {
    const violations = contractViolations({ method, url: path, headers }, { status: response.statusCode, headers: flat, body: bytes, problemCode: problemCodeOf(flat, text) });
    if (violations.length > 0) throw new Error(`contract violation on ${method} ${path}:\n  ${violations.join('\n  ')}`);
  }
  return { status: response.statusCode, headers: flat, text, json: /json/.test(flat['content-type'] ?? '') && text !== '' ? JSON.parse(text) : undefined };
}

/** The `code` of a problem+json body, for the checks that read it. */
function problemCodeOf(headers: Readonly<Record<string, string>>, text: string): string | undefined {
  if (headers['content-type'] !== 'application/problem+json') return undefined;
  const code = (JSON.parse(text) as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
