/**
 * The conformance suite as a library (`session-api-toolkit/conformance`): what `session-conformance`
 * does, callable from a script or a test runner. Two levels:
 * - the CLI's commands as functions returning its exit code (`runCommand` with the same options as
 *   `session-conformance run`, `replayCommand`, `verifyCommand`, `mergeReportsCommand`), printing
 *   through an {@link Output} you pass;
 * - the parts `runCommand` is made of, for a structured result instead of lines: `planRun` checks
 *   the options, `connect` learns the principals and offered surfaces, `runSuite` plays the runs
 *   and returns a {@link SuiteResult} (close `client` when done).
 *
 * Nothing here imports the mock: without a base URL `runCommand` starts the packaged mock as a
 * child process (`spawnMock`) and talks to it over HTTP, as it would to any server.
 */
export { runCommand } from './cli/run-command.js';
export type { Output, RunArgs } from './cli/run-command.js';
export { replayCommand } from './cli/replay-command.js';
export { verifyCommand } from './cli/verify-command.js';
export { mergeReportsCommand } from './cli/merge-reports-command.js';
export { EXIT } from './cli/exit-code.js';
export { planRun } from './cli/run-plan.js';
export type { RunPlan } from './cli/run-plan.js';
export { PROFILES } from './cli/profiles.js';
export type { Profile, ProfileName } from './cli/profiles.js';
export { formatResult } from './cli/format-result.js';
export { spawnMock } from './cli/spawn-mock.js';
export type { SpawnedMock, SpawnMockOptions } from './cli/spawn-mock.js';
export { connect } from './mbt/connect.js';
export type { ConnectOptions, Connected } from './mbt/connect.js';
export { runSuite } from './mbt/run-suite.js';
export type { RunOptions, SuiteFailure, SuiteResult } from './mbt/run-suite.js';
export { SetupError } from './mbt/preflight.js';
export { INVARIANTS } from './invariants/catalogue.js';
export type { InvariantId, InvariantInfo } from './invariants/catalogue.js';
export { InvariantSelection } from './invariants/selection.js';
export { ConnectionFailure, InvariantViolation } from './invariants/violation.js';
export type { ViolationData } from './invariants/violation.js';
