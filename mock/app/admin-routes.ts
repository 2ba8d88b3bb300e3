import { json, problem, empty } from '../core/http/respond.js';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import type { MockCore } from '../core/mock-core.js';
import { validateFaults, type FaultSettings } from './faults.js';
import type { RequestLog } from './request-log.js';

/** The admin API's mutable settings, owned by one app instance. */
export interface AdminState {
  faults: FaultSettings;
  readonly log: RequestLog;
}

const ENDPOINTS = {
  'POST /__admin/reset': 'Back to the fixtures (state, idempotency keys and the request log); faults stay.',
  'GET /__admin/state': 'Export the state as a replayable scenario (JSON).',
  'PUT /__admin/state': 'Import a scenario exported before (or any fixture scenario).',
  'GET /__admin/faults': 'Current latency and error injection.',
  'PUT /__admin/faults': 'Set { latency: { minMs, maxMs } | null, errors: [{ operationId | "*", status, rate }] }.',
  'DELETE /__admin/faults': 'Remove all faults.',
  'GET /__admin/requests': 'The newest requests (bounded log), newest first; ?limit=N.',
  'DELETE /__admin/requests': 'Clear the request log.',
} as const;

function parseJson(request: MockRequest): { ok: true; value: unknown } | { ok: false; response: MockResponse } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(request.body ?? new Uint8Array())) as unknown };
  } catch (error) {
    return { ok: false, response: problem('malformed-json', 'The body is not valid JSON.', { errors: [{ pointer: '', message: (error as Error).message }] }) };
  }
}

/** Answers `/__admin/...`: outside the contract, documented in README.md. */
export function handleAdmin(core: MockCore, state: AdminState, request: MockRequest): MockResponse {
  const url = new URL(request.url, 'http://mock.local');
  const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__admin':
      return json(200, { endpoints: ENDPOINTS, tokens: core.tokens() });
    case 'POST /__admin/reset':
      // Faults are settings, not state: a reset between tests keeps them.
      core.reset();
      state.log.clear();
      return empty(204);
    case 'GET /__admin/state':
      return json(200, core.exportState());
    case 'PUT /__admin/state': {
      const body = parseJson(request);
      if (!body.ok) return body.response;
      const imported = core.importState(body.value);
      return imported.ok ? empty(204) : problem('validation-failed', imported.message, { errors: [{ pointer: '', message: imported.message }] });
    }
    case 'GET /__admin/faults':
      return json(200, state.faults);
    case 'PUT /__admin/faults': {
      const body = parseJson(request);
      if (!body.ok) return body.response;
      const faults = validateFaults(body.value);
      if (!faults.ok) return problem('validation-failed', faults.message, { errors: [{ pointer: '', message: faults.message }] });
      state.faults = faults.value;
      return json(200, state.faults);
    }
    case 'DELETE /__admin/faults':
      state.faults = { latency: null, errors: [] };
      return empty(204);
    case 'GET /__admin/requests': {
      const limit = Number(url.searchParams.get('limit') ?? '100');
      return json(200, { items: state.log.list(Number.isInteger(limit) && limit > 0 ? limit : 100) });
    }
    case 'DELETE /__admin/requests':
      state.log.clear();
      return empty(204);
    default: {
      const known = Object.keys(ENDPOINTS).filter((k) => k.endsWith(' ' + url.pathname.replace(/\/$/, '')));
      if (known.length > 0) {
        const allow = known.map((k) => k.split(' ')[0]).join(', ');
        return problem('method-not-allowed', `Use ${allow}.`, { headers: { allow } });
      }
      return problem('route-not-found', `No admin route ${url.pathname}; GET /__admin lists them.`);
    }
  }
}
