/**
 * The stateful Session API mock. `createMockServer` serves it over node:http for test suites and
 * the CLI; `createMockCore` is the same behaviour without a socket (`handle(request) → response`).
 */
export { createMockServer } from './server/create-mock-server.js';
export type { MockServer, MockServerOptions } from './server/create-mock-server.js';
export { createMockCore } from './core/mock-core.js';
export type { MockCore, MockCoreOptions } from './core/mock-core.js';
export type { MockRequest, MockResponse } from './core/http/messages.js';
export { responseJson } from './core/http/messages.js';
export type { Scenario, ScenarioPrincipal, ScenarioStep } from './core/scenario/scenario.js';
export { loadScenarioDir, defaultFixtureDir } from './fixtures/load-scenario-dir.js';
export type { CorsPolicy } from './app/cors.js';
export type { Latency, FaultRule, FaultSettings } from './app/faults.js';
