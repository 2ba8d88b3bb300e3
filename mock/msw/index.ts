/**
 * `session-api-toolkit/msw`: the stateful mock as Mock Service Worker handlers, for a browser page
 * (`setupWorker`), Storybook, or a test runner (`setupServer`), with no port and no file system.
 * The same core and app layer as `session-mock`, the same demo fixtures, the admin API's controls
 * as functions. Works with MSW 2 and 3.
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';
 * import { sessionApiHandlers } from 'session-api-toolkit/msw';
 * const mock = sessionApiHandlers({ baseUrl: 'http://localhost:4010' });
 * await setupWorker(...mock.handlers).start();
 * ```
 */
import { bundledContract } from '../../contract/bundled-contract.js';
import { DEMO_SCENARIO, SCENARIO_SCHEMA } from '../../fixtures/generated/demo-scenario.js';
import { scenarioChecker } from '../fixtures/scenario-check.js';
import { createSessionApiHandlers, type SessionApiHandlersOptions, type SessionApiMock } from './session-api-handlers.js';

export type { SessionApiHandlersOptions, SessionApiMock } from './session-api-handlers.js';
export { DEMO_SCENARIO } from '../../fixtures/generated/demo-scenario.js';
export { createFetchHandler, toFetchResponse, toMockRequest } from '../fetch/fetch-adapter.js';
export type { FetchHandlerOptions } from '../fetch/fetch-adapter.js';

const checkScenario = scenarioChecker(() => SCENARIO_SCHEMA);

/**
 * Handlers for the Session API at `baseUrl` (default `http://localhost:4010`, where `session-mock`
 * listens), over a mock of their own: the demo fixtures unless `fixtures` says otherwise (`null`:
 * empty), the contract bundled in, imports checked against the scenario schema.
 */
export function sessionApiHandlers(options: Partial<SessionApiHandlersOptions> = {}): SessionApiMock {
  return createSessionApiHandlers({ contract: bundledContract(), checkScenario, ...options, fixtures: options.fixtures === undefined ? DEMO_SCENARIO : options.fixtures });
}
