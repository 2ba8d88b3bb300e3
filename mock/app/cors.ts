import type { MockRequest } from '../core/http/messages.js';
import { LOOPBACK_NAMES } from './host-check.js';

/** Which browser origins may call the mock: local dev servers by default. */
export type CorsPolicy = { readonly kind: 'localhost' } | { readonly kind: 'any' } | { readonly kind: 'off' } | { readonly kind: 'list'; readonly origins: readonly string[] };

/** An origin's scheme, host name and optional port, split so its name can be checked against the loopback names. */
const ORIGIN_PARTS = /^https?:\/\/(\[[^\]]*\]|[^:/]+)(?::\d+)?$/;

/** Whether `origin` is a page served from a loopback name (`http://localhost:5173`, `http://[::1]:3000`). */
function isLocalOrigin(origin: string): boolean {
  const name = ORIGIN_PARTS.exec(origin)?.[1];
  return name !== undefined && LOOPBACK_NAMES.includes(name);
}
const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Last-Event-ID';
const EXPOSE_HEADERS = 'ETag, Location, Allow, Idempotent-Replayed, WWW-Authenticate';

/**
 * Whether `text` is an origin exactly as a browser sends it (`http://host:port`, no path, lower
 * case, no default port): a listed origin in any other form would never match a request.
 */
function isOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
}

/**
 * Parses `--cors`: `localhost`, `*`, `off`, or a comma-separated list of origins. `null` for
 * anything else (an empty value, a typo), which would otherwise switch CORS off or allow nothing.
 */
export function parseCors(text: string): CorsPolicy | null {
  const value = text.trim();
  if (value === 'localhost') return { kind: 'localhost' };
  if (value === '*') return { kind: 'any' };
  if (value === 'off') return { kind: 'off' };
  const origins = value.split(',').map((o) => o.trim());
  return origins.every(isOrigin) ? { kind: 'list', origins } : null;
}

function allowed(policy: CorsPolicy, origin: string): boolean {
  switch (policy.kind) {
    case 'any':
      return true;
    case 'off':
      return false;
    case 'localhost':
      return isLocalOrigin(origin);
    case 'list':
      return policy.origins.includes(origin);
  }
}

/** CORS headers for a request's `Origin`, or none when the origin is not allowed. */
export function corsHeaders(policy: CorsPolicy, request: MockRequest): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !allowed(policy, origin)) return {};
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE_HEADERS, vary: 'Origin' };
}

/** Whether this is a CORS preflight (answered by the app, never by the core). */
export function isPreflight(request: MockRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

/** Headers for a preflight answer from an allowed origin. */
export function preflightHeaders(policy: CorsPolicy, request: MockRequest): Record<string, string> {
  const base = corsHeaders(policy, request);
  if (!base['access-control-allow-origin']) return {};
  return { ...base, 'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE', 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-max-age': '600' };
}
