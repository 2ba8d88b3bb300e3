import { http, type HttpHandler } from 'msw';
import type { Contract } from '../../contract/portable.js';
import { createMockApp, type MockApp } from '../app/create-mock-app.js';
import type { CorsPolicy } from '../app/cors.js';
import { NO_FAULTS, validateFaults, type Latency } from '../app/faults.js';
import type { StorageResult } from '../core/journal/journal-sink.js';
import { createMockCore, type MockCore } from '../core/mock-core.js';
import type { Scenario } from '../core/scenario/scenario.js';
import type { ControllableClock } from '../core/state/controllable-clock.js';
import { createFetchHandler } from '../fetch/fetch-adapter.js';

/** Options of {@link createSessionApiHandlers}. */
export interface SessionApiHandlersOptions {
  /** The contract the core validates against (the MSW entry passes the bundled one). */
  readonly contract: Contract;
  /**
   * Where the app sends its requests: an origin (`http://localhost:4010`, the CLI's default), an
   * origin with a path prefix (`https://app.test/api`) or a path (`/api`, same origin). The part
   * after it is the API's path (`/v1/sessions`, `/__admin`).
   */
  readonly baseUrl?: string;
  /** The fixtures replayed at start and on reset; `null` starts empty. */
  readonly fixtures: Scenario | null;
  /** `false`: every request acts as the fixtures' default principal. Default true. */
  readonly auth?: boolean;
  /** The real clock under the mock's controllable one (tests pin it). Default `Date.now`. */
  readonly now?: () => number;
  readonly latency?: Latency | null;
  readonly cors?: CorsPolicy;
  /** Checks an imported state against the scenario schema (the MSW entry passes the bundled one). */
  readonly checkScenario?: (value: unknown) => string | null;
}

/** The mock as MSW request handlers, with the admin API's controls as functions. */
export interface SessionApiMock {
  /** Pass to `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  readonly handlers: HttpHandler[];
  readonly core: MockCore;
  readonly app: MockApp;
  /** The clock every timestamp and cache TTL reads (freeze, set, advance). */
  readonly clock: ControllableClock;
  /** Back to the fixtures, as `POST /__admin/reset`. */
  reset(): StorageResult;
  /** The state as a replayable scenario, as `GET /__admin/state`. */
  exportState(): Scenario;
  /** Replaces the state, as `PUT /__admin/state`; on failure nothing changes. */
  importState(state: unknown): { ok: true } | { ok: false; message: string };
  /** Latency and injected errors, as `PUT /__admin/faults`; a message when they are not valid. */
  setFaults(faults: unknown): { ok: true } | { ok: false; message: string };
  /** As `DELETE /__admin/faults`. */
  clearFaults(): void;
}

/** The base URL as MSW's predicate wants it, and the path prefix to strip before the core sees a URL. */
function base(baseUrl: string): { pattern: string; prefix: string } {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const prefix = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? new URL(trimmed).pathname.replace(/\/+$/, '') : trimmed;
  return { pattern: `${trimmed}/*`, prefix };
}

/** Builds the handlers over a core and app of their own (the same core and app layer the CLI serves). */
export function createSessionApiHandlers(options: SessionApiHandlersOptions): SessionApiMock {
  const { contract } = options;
  const core = createMockCore({ contract, scenario: options.fixtures, auth: options.auth ?? true, checkScenario: options.checkScenario, now: options.now });
  // In-process there is no Host to rebind and no origin to guard: every request is the app's own.
  const app = createMockApp({ core, contract, cors: options.cors ?? { kind: 'any' }, hosts: { kind: 'any' }, latency: options.latency ?? null });
  const { pattern, prefix } = base(options.baseUrl ?? 'http://localhost:4010');
  const fetchHandler = createFetchHandler((request) => app.handle(request), { headers: { server: 'session-mock (msw)' }, pathPrefix: prefix });
  const handlers = [http.all(pattern, ({ request }) => fetchHandler(request))];
  return {
    handlers,
    core,
    app,
    clock: core.clock,
    reset: () => app.reset(),
    exportState: () => core.exportState(),
    importState(state) {
      const imported = core.importState(state);
      return imported.ok ? imported : { ok: false, message: imported.message };
    },
    setFaults(faults) {
      const checked = validateFaults(faults, (operationId) => contract.operations.has(operationId));
      if (!checked.ok) return { ok: false, message: checked.message };
      app.admin.faults = checked.value;
      return { ok: true };
    },
    clearFaults() {
      app.admin.faults = { ...NO_FAULTS };
    },
  };
}
