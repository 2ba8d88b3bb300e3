import { ERROR_CODES, problemType, type ErrorCode, type ValidationIssue } from '../../../contract/portable.js';
import type { MockResponse } from './messages.js';

/** A JSON response with the given status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** An empty response (204, 304). */
export function empty(status: number, headers: Record<string, string> = {}): MockResponse {
  return { status, headers };
}

/** Extra members a problem may carry beside the RFC 9457 ones. */
export interface ProblemExtras {
  readonly errors?: readonly ValidationIssue[];
  readonly conflicts?: readonly { readonly path: string; readonly reason: string }[];
  readonly headers?: Record<string, string>;
}

/** A problem+json response built from the one error-code table. */
export function problem(code: ErrorCode, detail: string, extras: ProblemExtras = {}): MockResponse {
  const { status, title } = ERROR_CODES[code];
  const body: Record<string, unknown> = { type: problemType(code), title, status, detail, code };
  if (extras.errors) body.errors = extras.errors;
  if (extras.conflicts) body.conflicts = extras.conflicts;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', ...extras.headers };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="session-api"';
  return { status, headers, body: JSON.stringify(body), problemCode: code };
}

/** A failure inside the core, carried as data up to the handler that turns it into a response. */
export interface Failure {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly extras?: ProblemExtras;
}

/** Success-or-failure result used between store functions and handlers. */
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

/** Builds a failure value. */
export function failure(code: ErrorCode, detail: string, extras?: ProblemExtras): Failure {
  return extras ? { ok: false, code, detail, extras } : { ok: false, code, detail };
}

/** Builds a success value. */
export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Turns a failure into its problem response. */
export function problemFrom(fail: Failure): MockResponse {
  return problem(fail.code, fail.detail, fail.extras);
}
