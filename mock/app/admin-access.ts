/**
 * Who may use `/__admin`: everyone (a loopback mock), the holder of `--admin-token`, or nobody
 * (`--admin off`, where the routes do not exist). The token is compared without an early exit, and
 * no answer or log line ever repeats it.
 */
import type { MockRequest, MockResponse } from '../core/http/messages.js';

/** The admin API's access setting. */
export type AdminAccess = { readonly kind: 'open' } | { readonly kind: 'off' } | { readonly kind: 'token'; readonly token: string };

/** Equal strings, compared in time that depends on their lengths only (no early exit on the first difference). */
function sameText(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i += 1) difference |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
  return difference === 0;
}

/** The `Bearer` credential of a request, or undefined. */
function bearer(request: MockRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * `401 admin-unauthenticated` when the admin API needs a token the request does not carry, else
 * null. Off the contract (the admin API is), in the same problem+json form.
 */
export function adminRefusal(access: AdminAccess, request: MockRequest): MockResponse | null {
  if (access.kind !== 'token') return null;
  const given = bearer(request);
  if (given !== undefined && sameText(given, access.token)) return null;
  const body = {
    type: 'urn:session-api:problem:admin-unauthenticated',
    title: 'Admin token required',
    status: 401,
    code: 'admin-unauthenticated',
    detail: 'This mock was started with --admin-token: send it as "Authorization: Bearer <admin token>".',
  };
  return {
    status: 401,
    headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer realm="session-mock-admin"' },
    body: JSON.stringify(body),
    problemCode: body.code,
  };
}

/** An `--admin-token` value: at least 16 printable ASCII characters without spaces, so a guess is not cheap. */
export function isAdminToken(text: string): boolean {
  return /^[\x21-\x7e]{16,}$/.test(text);
}
