import type { components } from '../contract/generated/openapi.js';
import { isErrorCode, type ErrorCode } from '../contract/src/error-codes.js';

/** One entry of a problem's `errors[]` (contract §6): where the request is wrong and why. */
export type ProblemFieldError = components['schemas']['ValidationError'];
/** One conflicting path of a `409 merge-conflict`. */
export type MergeConflict = components['schemas']['Conflict'];
/** The `application/problem+json` body every error of the API has. */
export type Problem = components['schemas']['Problem'];

/**
 * An API call answered with an error. Switch on `code` (the contract's stable `ErrorCode`), never
 * on the message: `status`, `code`, `errors` (every 400 has them) and `conflicts` (merge-conflict)
 * come from the problem+json body. A body that is not a problem (a proxy's HTML page, say) still
 * gives an error, with the code the contract gives that status where it has one code only, else
 * `internal-error` for a 5xx, and `problem: null`.
 */
export class SessionApiError extends Error {
  override readonly name = 'SessionApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly errors: readonly ProblemFieldError[];
  readonly conflicts: readonly MergeConflict[];
  /** The problem as sent, extension members included; null when the body was not one. */
  readonly problem: Problem | null;
  /** The response, for its headers (`Allow`, `WWW-Authenticate`, `ETag` …). */
  readonly response: Response | null;

  constructor(status: number, body: unknown, response: Response | null = null) {
    const problem = asProblem(body);
    const code = problem?.code ?? fallbackCode(status);
    super(`${status} ${code}${problem?.detail ? `: ${problem.detail}` : ''}`);
    this.status = status;
    this.code = code;
    this.errors = problem?.errors ?? [];
    this.conflicts = problem?.conflicts ?? [];
    this.problem = problem;
    this.response = response;
  }
}

/** Whether `error` is a {@link SessionApiError}, optionally with this code. */
export function isSessionApiError(error: unknown, code?: ErrorCode): error is SessionApiError {
  return error instanceof SessionApiError && (code === undefined || error.code === code);
}

function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const { code, status } = body as { code?: unknown; status?: unknown };
  return isErrorCode(code) && typeof status === 'number' ? (body as Problem) : null;
}

// Statuses the contract uses for one code only; anything else without a problem body is unknown to us.
// 400/403/404 without a problem body did not come from the API's routes (a proxy, a wrong base URL).
const ONLY_CODE: Readonly<Record<number, ErrorCode>> = {
  400: 'malformed-request', 403: 'forbidden', 404: 'route-not-found', 401: 'unauthenticated', 405: 'method-not-allowed', 406: 'not-acceptable', 408: 'request-timeout',
  412: 'precondition-failed', 413: 'content-too-large', 415: 'unsupported-media-type',
  431: 'headers-too-large', 501: 'not-implemented', 507: 'storage-failed',
};

function fallbackCode(status: number): ErrorCode {
  return ONLY_CODE[status] ?? (status >= 500 ? 'internal-error' : 'validation-failed');
}
