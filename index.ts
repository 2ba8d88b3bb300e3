/**
 * `session-api-toolkit`: the few things most users want, for Node.
 * - {@link createMockServer}: the stateful mock on a port (demo fixtures by default), for a test
 *   suite's setup; {@link createMockCore}: the same behaviour as `handle(request) → response`.
 * - {@link loadContract}: the Session API's OpenAPI document with its operations, route matcher
 *   and validators.
 *
 * Everything else has its own entry point: `session-api-toolkit/mock`, `/contract` and
 * `/conformance`. This root reads files (the contract, the fixtures), so it is not for browsers.
 */
export { createMockCore, createMockServer, defaultFixtureDir, loadScenarioDir } from './mock/index.js';
export type { MockCore, MockCoreOptions, MockRequest, MockResponse, MockServer, MockServerOptions, Scenario } from './mock/index.js';
export { ERROR_CODES, loadContract } from './contract/index.js';
export type { Contract, ContractComponents, ContractOperations, ContractPaths, ErrorCode } from './contract/index.js';
