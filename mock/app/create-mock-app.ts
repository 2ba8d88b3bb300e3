import type { Contract } from '../../contract/portable.js';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { problem } from '../core/http/respond.js';
import { adminRefusal, type AdminAccess } from './admin-access.js';
import { handleAdmin, type AdminState } from './admin-routes.js';
import { isAdminUrl } from './admin-path.js';
import { isAdminUiFile, type UiAssets } from './admin-ui-routes.js';
import type { StorageResult } from '../core/journal/journal-sink.js';
import type { MockCore } from '../core/mock-core.js';
import { corsHeaders, isPreflight, preflightHeaders, type CorsPolicy } from './cors.js';
import { hostAllowed, type HostPolicy } from './host-check.js';
import { NO_FAULTS, seededRandom, type FaultSettings, type Latency } from './faults.js';
import { RequestLog, toLogEntry, type LogEntry, type LoggedRequest } from './request-log.js';
import { resetState } from './reset-state.js';

/** Options of the app layer around the core. */
export interface MockAppOptions {
  readonly core: MockCore;
  readonly contract: Contract;
  readonly cors?: CorsPolicy;
  /** Which `Host` values are answered (default: all; `createMockServer` derives it from the bind address). */
  readonly hosts?: HostPolicy;
  /** Who may use `/__admin` (default: everyone). */
  readonly admin?: AdminAccess;
  readonly latency?: Latency | null;
  /** Called once per answered request (the CLI prints it with `--log`). */
  readonly onRequest?: (entry: LogEntry) => void;
  /** Seed for latency and fault sampling, so a run can be repeated. */
  readonly seed?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly logCapacity?: number;
  /** The admin UI's files (`GET /__admin/ui`); the node server loads them, a bare app has none. */
  readonly ui?: UiAssets;
}

/** The core plus what a running mock adds: admin API, faults, latency, CORS and the request log. */
export interface MockApp {
  /** Synchronous unless latency is configured, so the common path costs no extra ticks. */
  handle(request: MockRequest): MockResponse | Promise<MockResponse>;
  /** What `POST /__admin/reset` does: back to the fixtures, request log emptied, faults kept. */
  reset(): StorageResult;
  readonly admin: AdminState;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function injectedFault(status: number, operationId: string): MockResponse {
  // Deliberately off-contract: a resilience test asked for this failure via /__admin/faults.
  const body = { type: 'urn:session-api:problem:fault-injected', title: 'Injected fault', status, code: 'fault-injected', detail: `A fault rule for ${operationId} answered ${status}.` };
  return { status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body), problemCode: body.code };
}

/** Builds the app. Transport-free: the node adapter and tests both call `handle`. */
export function createMockApp(options: MockAppOptions): MockApp {
  const cors = options.cors ?? { kind: 'localhost' };
  const hosts = options.hosts ?? { kind: 'any' };
  const adminAccess = options.admin ?? { kind: 'open' };
  const random = seededRandom(options.seed ?? 1);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const admin: AdminState = { faults: { ...NO_FAULTS, latency: options.latency ?? null }, log: new RequestLog(options.logCapacity) };

  function pickFault(faults: FaultSettings, request: MockRequest): MockResponse | null {
    if (faults.errors.length === 0) return null;
    const match = options.contract.routes.match(request.method, request.url.split('?')[0] ?? '/');
    const operationId = match.kind === 'matched' ? match.operation.operationId : null;
    for (const rule of faults.errors) {
      if (rule.operationId !== '*' && rule.operationId !== operationId) continue;
      if (random() < rule.rate) return injectedFault(rule.status, operationId ?? 'this route');
    }
    return null;
  }

  function respond(request: MockRequest): MockResponse {
    return pickFault(admin.faults, request) ?? options.core.handle(request);
  }

  function answer(request: MockRequest): MockResponse | Promise<MockResponse> {
    // Before anything else, preflights and the admin API included: a rebound page learns nothing.
    if (!hostAllowed(hosts, request.headers.host)) return problem('host-not-allowed', 'This mock answers only loopback host names and those given with --allowed-hosts.');
    if (isPreflight(request)) return { status: 204, headers: preflightHeaders(cors, request) };
    if (adminAccess.kind !== 'off' && isAdminUrl(request.url)) {
      // The UI's page and scripts carry no data, and a page load cannot send the token: they are
      // served without it, and the page sends it on every data read (README "Admin UI").
      const refused = isAdminUiFile(request.method, request.url) ? null : adminRefusal(adminAccess, request);
      if (refused) return refused;
      // The core answers an unread body in its check order; the admin routes would read it as empty.
      if (request.bodyOverLimit !== undefined) return problem('content-too-large', `A request body may hold at most ${request.bodyOverLimit} bytes here.`);
      return handleAdmin(options.core, admin, request, options.contract, options.ui);
    }
    const { latency } = admin.faults;
    if (!latency) return respond(request);
    return sleep(latency.minMs + Math.round(random() * (latency.maxMs - latency.minMs))).then(() => respond(request));
  }

  function finish(request: MockRequest, started: number, response: MockResponse): MockResponse {
    // A refused Host gets no CORS headers: the page behind it must not read even the refusal.
    const withCors = request.headers.origin === undefined || response.problemCode === 'host-not-allowed' ? response : { ...response, headers: { ...response.headers, ...corsHeaders(cors, request) } };
    const entry: LoggedRequest = { atMs: started, method: request.method, url: request.url, status: response.status, durationMs: now() - started, code: response.problemCode };
    if (!request.url.startsWith('/__admin')) admin.log.add(entry);
    options.onRequest?.(toLogEntry(entry));
    return withCors;
  }

  return {
    admin,
    reset: () => resetState(options.core, admin.log),
    handle(request) {
      const started = now();
      const response = answer(request);
      return response instanceof Promise ? response.then((r) => finish(request, started, r)) : finish(request, started, response);
    },
  };
}
