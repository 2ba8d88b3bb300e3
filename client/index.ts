/**
 * `session-api-toolkit/client`: a typed client for the Session API over `openapi-fetch` and the
 * types `npm run gen:types` generates from `contract/openapi.yaml`, with the few helpers the
 * contract's shape needs. Runs wherever `fetch` does (browsers, workers, Node ≥ 20).
 *
 * ```ts
 * const client = createSessionClient({ baseUrl: 'http://127.0.0.1:4010', token: 'demo-bea' });
 * const { data: session } = await client.call('createSession', { body: { title: 'Login form' } });
 * await client.call('putFile', { params: { path: { sessionId: session.id, filePath: 'src/app.ts' } }, body: 'export {};\n' });
 * await client.call('putFile', { params: { path: { sessionId: session.id, filePath: 'logo.png' } }, body: pngBytes }); // Uint8Array, ArrayBuffer, Blob
 * const { data: png } = await client.call('getFile', { params: { path: { sessionId: session.id, filePath: 'logo.png' } }, parseAs: 'arrayBuffer' });
 * for await (const file of client.pages('listFiles', { params: { path: { sessionId: session.id } } })) console.log(file.path);
 * ```
 * @packageDocumentation
 */
export { createSessionClient } from './session-client.js';
export type { SessionClient, SessionClientOptions } from './session-client.js';
export type { CallArgs, CallInit, CallResult, FileBytes, PageItem, ParsedBody, ParsedSuccessBody, SessionEvent, SuccessBody } from './call-types.js';
export { OPERATIONS } from './operation-table.js';
export type { OperationEntry, OperationId, OperationMethod, OperationTraits, PagedOperationId, RouteOf } from './operation-table.js';
export { SessionApiError, isSessionApiError } from './session-api-error.js';
export type { MergeConflict, Problem, ProblemFieldError } from './session-api-error.js';
export { encodeFilePath, ifMatch } from './request-helpers.js';
export type { EtagSource } from './request-helpers.js';
export { isRetryableStatus, withIdempotencyKey } from './idempotent-retry.js';
export type { RetryOptions } from './idempotent-retry.js';
export { followEvents } from './event-stream.js';
export type { EventConnection, FollowEventsOptions } from './event-stream.js';
export { SseParser } from './sse-parser.js';
export type { SseMessage } from './sse-parser.js';
export type { ErrorCode } from '../contract/src/error-codes.js';
