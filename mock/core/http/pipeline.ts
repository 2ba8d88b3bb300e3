import type { Contract, OperationSpec, ValidParameters } from '../../../contract/portable.js';
import type { Sha256Hex } from '../domain/index.js';
import { bytesToBase64 } from './base64.js';
import type { IdempotencyTable } from './idempotency-table.js';
import type { MockRequest, MockResponse } from './messages.js';
import { parseRequestBody, type ParsedBody } from './request-body.js';
import { problem, problemFrom } from './respond.js';
import { routeNotFoundDetail } from './route-hint.js';

/** Who is calling: resolved from the bearer token (or the default principal with auth off). */
export interface Principal {
  readonly principalId: string;
  readonly tenantId: string;
  /** Tenant admins see and change every session of their tenant. */
  readonly admin: boolean;
}

/** What an operation handler receives once the request passed every contract check. */
export interface HandlerInput {
  readonly operation: OperationSpec;
  readonly principal: Principal;
  readonly params: ValidParameters;
  readonly body: ParsedBody;
  readonly request: MockRequest;
}

/** Maps a validated request to a response. Handlers never throw for client mistakes. */
export type OperationHandler = (input: HandlerInput) => MockResponse;

/** The parts a request pipeline is built from. */
export interface PipelineParts {
  readonly contract: Contract;
  /** `null` for a missing or unknown token. */
  readonly authenticate: (authorization: string | undefined) => Principal | null;
  readonly handlers: Readonly<Partial<Record<string, OperationHandler>>>;
  /** Replayable responses by principal and `Idempotency-Key`, kept 24 h; owned by the core instance. */
  readonly idempotency: IdempotencyTable;
  /** The core's sha256, for request fingerprints. */
  readonly sha256: Sha256Hex;
}

/** Shared by every request without a query string; nothing writes to it. */
const NO_QUERY = new URLSearchParams();

function splitUrl(url: string): { pathname: string; query: URLSearchParams } {
  const at = url.indexOf('?');
  return at < 0 ? { pathname: url, query: NO_QUERY } : { pathname: url.slice(0, at), query: new URLSearchParams(url.slice(at + 1)) };
}

/**
 * Builds `handle(request) → response`: route, authenticate, validate parameters and body through
 * the contract, replay idempotent retries, then run the operation's handler. Each step answers
 * its own documented problem, and nothing reaches a handler unless it is valid.
 */
export function createPipeline(parts: PipelineParts): (request: MockRequest) => MockResponse {
  const { contract } = parts;
  return (request) => {
    const { pathname, query } = splitUrl(request.url);
    const match = contract.routes.match(request.method, pathname);
    if (match.kind === 'not-found') return problem('route-not-found', routeNotFoundDetail(request.method, pathname));
    if (match.kind === 'method-not-allowed') {
      return problem('method-not-allowed', `${request.method} is not allowed here; use ${match.allow.join(', ')}.`, { headers: { allow: match.allow.join(', ') } });
    }
    if (match.kind === 'bad-encoding') {
      const code = match.parameter === 'filePath' ? 'invalid-path' : 'validation-failed';
      return problem(code, `Path parameter ${match.parameter} is not valid percent-encoded UTF-8.`, { errors: [{ pointer: `#/path/${match.parameter}`, message: 'invalid percent-encoding' }] });
    }
    const { operation } = match;
    const principal = parts.authenticate(request.headers.authorization);
    if (operation.secured && !principal) return problem('unauthenticated', 'Send Authorization: Bearer <token> with a known token.');
    const params = contract.requests.validateParameters(operation, { pathParams: match.pathParams, query, headers: request.headers });
    if (!params.ok) {
      const onlyPath = params.issues.every((i) => i.pointer === '#/path/filePath');
      return problem(onlyPath ? 'invalid-path' : 'validation-failed', 'The request parameters are invalid.', { errors: params.issues });
    }
    const body = parseRequestBody(contract, operation, request.headers['content-type'], request.body, request.bodyOverLimit);
    if (!body.ok) return problemFrom(body);
    const handler = parts.handlers[operation.operationId];
    if (!handler) return problem('not-implemented', `${operation.operationId} is in the contract but the mock does not serve it yet.`);
    const input: HandlerInput = { operation, principal: principal as Principal, params: params.value, body: body.value, request };
    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    if (key === undefined) return handler(input);
    return replayOrRun(parts.idempotency, `${input.principal.principalId}\u0000${key}`, fingerprint(request, parts.sha256), () => handler(input));
  };
}

function fingerprint(request: MockRequest, sha256: Sha256Hex): string {
  return sha256(new TextEncoder().encode(`${request.method}\u0000${request.url}\u0000${bytesToBase64(request.body ?? new Uint8Array())}`));
}

function replayOrRun(store: IdempotencyTable, key: string, print: string, run: () => MockResponse): MockResponse {
  const seen = store.get(key);
  if (seen) {
    if (seen.fingerprint !== print) return problem('idempotency-key-reused', 'This Idempotency-Key was first used with another request.');
    return { ...seen.response, headers: { ...seen.response.headers, 'idempotent-replayed': 'true' } };
  }
  const response = run();
  // Server faults are not remembered, so a retry after one can still succeed.
  if (response.status >= 500) return response;
  store.set(key, print, response);
  // A remembered refusal is state too (a retry replays it), so exports and journals keep it.
  return { ...response, remembered: true };
}
