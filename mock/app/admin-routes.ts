import type { Contract } from '../../contract/portable.js';
import { json, problem, empty } from '../core/http/respond.js';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import type { MockCore } from '../core/mock-core.js';
import { adminPath } from './admin-path.js';
import { handleAdminUi, type UiAssets } from './admin-ui-routes.js';
import { adminEvents } from './admin-events.js';
import { handleAdminView, VIEW_ENDPOINTS } from './admin-view-routes.js';
import { changeClock, parseClockChange } from './admin-clock.js';
import { validateFaults, type FaultSettings } from './faults.js';
import type { RequestLog } from './request-log.js';
import { resetState } from './reset-state.js';

/** The admin API's mutable settings, owned by one app instance. */
export interface AdminState {
  faults: FaultSettings;
  readonly log: RequestLog;
}

const ENDPOINTS = {
  'GET /__admin': 'This list and the token table; GET or HEAD answers 200 once the mock serves (readiness probes).',
  'POST /__admin/reset': 'Back to the fixtures (state, idempotency keys and the request log); faults and the clock stay.',
  'GET /__admin/state': 'Export the state as a replayable scenario (JSON).',
  'PUT /__admin/state': 'Import a scenario exported before (or any fixture scenario).',
  'GET /__admin/faults': 'Current latency and error injection.',
  'PUT /__admin/faults': 'Set { latency: { minMs, maxMs } | null, errors: [{ operationId | "*", status, rate }] }.',
  'DELETE /__admin/faults': 'Remove all faults.',
  'GET /__admin/requests': 'The newest requests (bounded log), newest first; ?limit=N.',
  'GET /__admin/clock': 'The clock every timestamp and cache TTL reads: { now, frozen, offsetMs }.',
  'PUT /__admin/clock': 'One of { freeze: true | false }, { set: "<ISO-8601>" }, { advanceSeconds: N } or { advanceMs: N }; never backwards (409 clock-backwards).',
  'DELETE /__admin/requests': 'Clear the request log.',
  ...VIEW_ENDPOINTS,
  'GET /__admin/events': 'Every session\'s events as they happen (text/event-stream, unnamed events, no backlog); ends on reset and import.',
  'GET /__admin/ui': 'The admin UI (a page for a browser): sessions, lineage graph, files and diffs, request log, faults, state.',
} as const;

/** `507 storage-failed` for a reset or an import the journal could not keep; the state stays. */
function storageFailed(detail: string): MockResponse {
  return problem('storage-failed', detail);
}

function parseJson(request: MockRequest): { ok: true; value: unknown } | { ok: false; response: MockResponse } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(request.body ?? new Uint8Array())) as unknown };
  } catch (error) {
    return { ok: false, response: problem('malformed-json', 'The body is not valid JSON.', { errors: [{ pointer: '', message: (error as Error).message }] }) };
  }
}

/** `?limit=N` of the request log: an integer from 1 to the log's capacity, 100 (or the capacity) when absent. */
function parseLimit(given: string | null, capacity: number): { ok: true; value: number } | { ok: false; response: MockResponse } {
  if (given === null) return { ok: true, value: Math.min(100, capacity) };
  const limit = /^\d+$/.test(given) ? Number(given) : NaN;
  if (limit >= 1 && limit <= capacity) return { ok: true, value: limit };
  const message = `limit must be an integer from 1 to ${capacity}`;
  return { ok: false, response: problem('validation-failed', `${message}; got "${given}".`, { errors: [{ pointer: '#/query/limit', message }] }) };
}

/** The methods a path answers, HEAD wherever GET is, for 405's Allow. */
function allowedMethods(path: string): string[] {
  const methods = Object.keys(ENDPOINTS).filter((k) => k.endsWith(' ' + path)).map((k) => k.split(' ')[0] ?? '');
  return methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
}

/**
 * Answers `/__admin/...`: outside the contract, documented in README.md. `contract` says which
 * operationIds a fault rule may name; `ui` holds the admin UI's files when the adapter loaded them.
 */
export function handleAdmin(core: MockCore, state: AdminState, request: MockRequest, contract: Pick<Contract, 'operations'>, ui?: UiAssets): MockResponse {
  const url = new URL(request.url, 'http://mock.local');
  const path = adminPath(request.url);
  // HEAD is GET without the body, for readiness probes (`wait-on` sends HEAD). node:http drops a
  // HEAD response's body itself; the routes whose body costs work (an export, a log page) skip it.
  const head = request.method === 'HEAD';
  const route = `${head ? 'GET' : request.method} ${path}`;
  switch (route) {
    case 'GET /__admin':
      return json(200, { endpoints: ENDPOINTS, tokens: core.tokens() });
    case 'POST /__admin/reset': {
      const reset = resetState(core, state.log);
      return reset.ok ? empty(204) : storageFailed(`the reset could not be written to disk (${reset.message}); the state stays`);
    }
    case 'GET /__admin/state':
      return head ? empty(200, { 'content-type': 'application/json' }) : json(200, core.exportState());
    case 'PUT /__admin/state': {
      const body = parseJson(request);
      if (!body.ok) return body.response;
      const imported = core.importState(body.value);
      if (imported.ok) return empty(204);
      return imported.code === 'storage-failed' ? storageFailed(imported.message) : problem('validation-failed', imported.message, { errors: [{ pointer: '', message: imported.message }] });
    }
    case 'GET /__admin/faults':
      return json(200, state.faults);
    case 'PUT /__admin/faults': {
      const body = parseJson(request);
      if (!body.ok) return body.response;
      const { operations } = contract;
      const faults = validateFaults(body.value, (operationId) => operations.has(operationId));
      if (!faults.ok) return problem('validation-failed', faults.message, { errors: [{ pointer: faults.pointer, message: faults.message }] });
      state.faults = faults.value;
      return json(200, state.faults);
    }
    case 'DELETE /__admin/faults':
      state.faults = { latency: null, errors: [] };
      return empty(204);
    case 'GET /__admin/requests': {
      const limit = parseLimit(url.searchParams.get('limit'), state.log.capacity);
      if (!limit.ok) return limit.response;
      return head ? empty(200, { 'content-type': 'application/json' }) : json(200, { items: state.log.list(limit.value) });
    }
    case 'GET /__admin/clock':
      return json(200, core.clock.status());
    case 'GET /__admin/events':
      return adminEvents(core, head);
    case 'PUT /__admin/clock': {
      const body = parseJson(request);
      if (!body.ok) return body.response;
      const change = parseClockChange(body.value);
      return change.ok ? core.changeClock((clock) => changeClock(clock, change.value)) : change.response;
    }
    case 'DELETE /__admin/requests':
      state.log.clear();
      return empty(204);
    default: {
      const read = handleAdminView(core, request.method, path) ?? handleAdminUi(ui, request.method, path);
      if (read) return read;
      const known = allowedMethods(path);
      if (known.length > 0) {
        const allow = known.join(', ');
        return problem('method-not-allowed', `Use ${allow}.`, { headers: { allow } });
      }
      return problem('route-not-found', `No admin route ${url.pathname}; GET /__admin lists them.`);
    }
  }
}
