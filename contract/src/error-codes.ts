/**
 * Every problem `code` of the API with its HTTP status and title: the one table errors are built
 * from (mock) and checked against (conformance). A test keeps it equal to the document's
 * `ErrorCode` enum.
 */
export const ERROR_CODES = {
  'validation-failed': { status: 400, title: 'Request is invalid' },
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  'invalid-path': { status: 400, title: 'Invalid file path' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  // Transport-level: the request could not be read as HTTP at all, so no route is known yet.
  'malformed-request': { status: 400, title: 'Malformed request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  // Transport-level too: refused by the request's Host before any route is known (DNS rebinding).
  'host-not-allowed': { status: 403, title: 'Host not allowed' },
  'session-not-found': { status: 404, title: 'Session not found' },
  'file-not-found': { status: 404, title: 'File not found' },
  'checkpoint-not-found': { status: 404, title: 'Checkpoint not found' },
  'commit-not-found': { status: 404, title: 'Commit not found' },
  'revision-not-found': { status: 404, title: 'Revision not found' },
  'environment-spec-not-set': { status: 404, title: 'Environment spec not set' },
  'annotation-not-found': { status: 404, title: 'Annotation not found' },
  'approval-not-found': { status: 404, title: 'Approval not found' },
  'cache-entry-not-found': { status: 404, title: 'Cache entry not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  'path-collision': { status: 409, title: 'Path collision' },
  'file-limit-exceeded': { status: 409, title: 'Too many files' },
  'nothing-to-commit': { status: 409, title: 'Nothing to commit' },
  'revision-mismatch': { status: 409, title: 'Revision mismatch' },
  'merge-conflict': { status: 409, title: 'Merge conflict' },
  'ambiguous-merge-base': { status: 409, title: 'Ambiguous merge base' },
  'unrelated-histories': { status: 409, title: 'Unrelated histories' },
  'session-not-active': { status: 409, title: 'Session is not active' },
  'tag-limit-exceeded': { status: 409, title: 'Too many tags' },
  'approval-required': { status: 409, title: 'Approval required' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'content-too-large': { status: 413, title: 'Content too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'not-a-descendant': { status: 422, title: 'Not a descendant' },
  'merge-same-session': { status: 422, title: 'Cannot merge a session into itself' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'headers-too-large': { status: 431, title: 'Request headers too large' },
  'internal-error': { status: 500, title: 'Internal error' },
  'not-implemented': { status: 501, title: 'Not implemented' },
  // A server that persists its state could not make an accepted change durable: it did not happen.
  'storage-failed': { status: 507, title: 'Storage failed' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The `type` URI of a problem code. */
export function problemType(code: ErrorCode): string {
  return `urn:session-api:problem:${code}`;
}

/** Whether a string is one of the documented codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
