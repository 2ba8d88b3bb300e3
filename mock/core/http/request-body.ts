import { essence, isJsonMediaType, type ContentTypeCheck, type Contract, type OperationSpec } from '../../../contract/portable.js';
import { failure, success, type Result } from './respond.js';

/** Request body limits, from the contract's prose (contract/README.md, "Limits"). */
export const LIMITS = {
  jsonBodyBytes: 1024 * 1024,
  fileBytes: 5 * 1024 * 1024,
} as const;

/** A request body after content negotiation: parsed JSON, raw bytes, or nothing. */
export type ParsedBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'bytes'; readonly value: Uint8Array };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NO_BODY: Result<ParsedBody> = Object.freeze(success<ParsedBody>({ kind: 'none' }));

/**
 * Checks the content type, size, encoding, JSON syntax and schema of a request body, in that
 * order, so each failure gets its own code (415, 413, 400 malformed-json, 400 validation-failed).
 * `overLimit` is the size in bytes a transport refused to read the body past (`bodyOverLimit`):
 * such a body is answered 413 in the same place as one the operation's own limit refuses.
 */
export function parseRequestBody(contract: Contract, operation: OperationSpec, contentType: string | undefined, body: Uint8Array | undefined, overLimit?: number): Result<ParsedBody> {
  // Most requests are reads of operations that take no body: whatever came along is ignored, even
  // one too large to read (the contract has no 413 for them; the connection closes after the answer).
  if (!operation.requestBody) return NO_BODY;
  // A zero-length body with a declared non-JSON type is an empty file, not a missing body.
  const type = essence(contentType);
  const hasBody = overLimit !== undefined || (body !== undefined && body.length > 0) || (type !== null && !isJsonMediaType(type));
  const check: ContentTypeCheck = contract.requests.checkContentType(operation, contentType, hasBody);
  switch (check.kind) {
    case 'no-body-expected':
      return success({ kind: 'none' });
    case 'body-required':
      return failure('validation-failed', 'This operation needs a request body.', { errors: [{ pointer: '', message: 'a request body is required' }] });
    case 'unsupported':
      return failure('unsupported-media-type', `Send ${check.accepted.join(' or ')}.`);
    case 'accepted':
      break;
  }
  // An unread body is larger than it could be (the transport's limit is above the operation's).
  const bytes = body ?? new Uint8Array();
  const size = overLimit === undefined ? bytes.length : Infinity;
  if (!check.json) {
    if (size > LIMITS.fileBytes) return failure('content-too-large', `A file may hold at most ${LIMITS.fileBytes} bytes.`);
    return success({ kind: 'bytes', value: bytes });
  }
  if (size > LIMITS.jsonBodyBytes) return failure('content-too-large', `A JSON body may hold at most ${LIMITS.jsonBodyBytes} bytes.`);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return failure('malformed-json', 'The body is not valid UTF-8.', { errors: [{ pointer: '', message: 'invalid UTF-8' }] });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return failure('malformed-json', 'The body is not valid JSON.', { errors: [{ pointer: '', message: (error as Error).message }] });
  }
  const issues = contract.requests.validateJsonBody(operation, check.mediaType, value);
  if (issues.length > 0) return failure('validation-failed', 'The request body does not match the schema.', { errors: issues });
  return success({ kind: 'json', value });
}
