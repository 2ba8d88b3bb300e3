/**
 * One state of a mock core, built by replaying a scenario (and a journal's changes): the store,
 * its pipeline and its change log. The core swaps whole instances on reset, import and rollback.
 */
import { tokenReader } from './http/bearer-token.js';
import { annotationHandlers } from './handlers/annotations.js';
import { approvalHandlers } from './handlers/approvals.js';
import { cacheHandlers } from './handlers/cache.js';
import { commitHandlers } from './handlers/commits.js';
import { environmentHandlers } from './handlers/environment.js';
import { eventHandlers } from './handlers/events.js';
import { fileHandlers } from './handlers/files.js';
import { lineageHandlers } from './handlers/lineage.js';
import { mergeHandlers } from './handlers/merge.js';
import { sessionHandlers } from './handlers/sessions.js';
import type { MockRequest, MockResponse } from './http/messages.js';
import { IdempotencyTable } from './http/idempotency-table.js';
import { createPipeline, type OperationHandler, type Principal } from './http/pipeline.js';
import { ChangeLog } from './scenario/change-log.js';
import { changeRequest, type RecordedChange } from './scenario/record-step.js';
import { replayScenario, stepInstant } from './scenario/replay.js';
import type { Scenario, ScenarioPrincipal, ScenarioStep } from './scenario/scenario.js';
import type { ControllableClock } from './state/controllable-clock.js';
import type { EventLog } from './state/event-log.js';
import { Store } from './state/store.js';
import type { MockCoreOptions } from './mock-core.js';

/** One state of a core: what a reset or an import replaces as a whole. */
export interface Instance {
  readonly scenario: Scenario;
  /** The instant each of the scenario's steps ran at, so an export replays them at the same instants. */
  readonly times: readonly number[];
  /** Answers one request, without recording it. */
  readonly pipeline: (request: MockRequest) => MockResponse;
  /** The token a change is recorded as (none with auth off: the default principal made it). */
  readonly recordedToken: (authorization: string | undefined) => string | undefined;
  /** Accepted changes since the scenario was replayed, in order (packed; exports read them back). */
  readonly changes: ChangeLog;
  /** This state's event logs; closed when a reset or an import replaces the state, which ends its streams. */
  readonly events: EventLog;
  /** The store itself, for read-only views (the admin API's `adminView`); handlers are its only writers. */
  readonly store: Store;
}

function principalOf(entry: ScenarioPrincipal): Principal {
  return { principalId: entry.principalId, tenantId: entry.tenantId, admin: entry.admin === true };
}

/** The latest instant a replay reached: its steps' and the export's own reading; the clock resumes there. */
function latestInstant(times: readonly number[], scenario: Scenario): number {
  let latest = stepInstant(scenario.exportedAt) ?? Number.NEGATIVE_INFINITY;
  for (const time of times) if (time > latest) latest = time;
  return latest;
}

/** Replays journaled changes byte for byte, each at its instant and expecting its status; a message when one differs. */
function replayChanges(records: Iterable<RecordedChange | string>, scenario: Scenario, pipeline: (request: MockRequest) => MockResponse, clock: ControllableClock, changes: ChangeLog): string | number {
  let latest = Number.NEGATIVE_INFINITY;
  let index = 0;
  for (const change of records) {
    if (typeof change === 'string') return change;
    const response = clock.during(change.at, () => pipeline(changeRequest(change, scenario.defaultToken)));
    if (response.status !== change.status) return `change ${index + 1} (${change.method} ${change.url}) answered ${response.status} on replay, ${change.status} when it was made`;
    changes.append(change);
    if (change.at > latest) latest = change.at;
    index += 1;
  }
  return latest;
}

/** Builds a fresh store and pipeline for a scenario and replays it, then `journaled` changes; a message when a step fails. */
export function instantiate(options: MockCoreOptions, clock: ControllableClock, scenario: Scenario, journaled: Iterable<RecordedChange | string> = []): Instance | string {
  if (scenario.exportedAt !== undefined && stepInstant(scenario.exportedAt) === null) return `scenario ${scenario.name}: exportedAt ${JSON.stringify(scenario.exportedAt)} is not an ISO-8601 instant`;
  const store = new Store(() => clock.nowMs(), options.sha256);
  const byToken = new Map(scenario.principals.map((p) => [p.token, principalOf(p)]));
  const tokenOf = tokenReader(byToken.keys());
  const byAuthorization = (authorization: string | undefined): Principal | null => byToken.get(tokenOf(authorization) ?? '') ?? null;
  const handlers: Record<string, OperationHandler> = {
    ...sessionHandlers(store),
    ...lineageHandlers(store),
    ...fileHandlers(store),
    ...commitHandlers(store),
    ...mergeHandlers(store),
    ...environmentHandlers(store),
    ...annotationHandlers(store),
    ...approvalHandlers(store),
    ...cacheHandlers(store),
    ...eventHandlers(store),
  };
  // Read through the clock, so a replayed step remembers its key at the instant it first ran.
  const parts = { contract: options.contract, handlers, idempotency: new IdempotencyTable(() => clock.nowMs()), sha256: store.sha256 };
  const byTokenPipeline = createPipeline({ ...parts, authenticate: byAuthorization });
  // A scenario's steps say who did what, so they always act as the tokens they name.
  // Each step runs at the instant it first ran (its `at`), so timestamps and cache expiry come back.
  const replayed = replayScenario(scenario, byTokenPipeline, clock);
  if (!replayed.ok) return `scenario ${scenario.name}: ${replayed.message}`;
  const changes = new ChangeLog();
  const lastChange = replayChanges(journaled, scenario, byTokenPipeline, clock, changes);
  if (typeof lastChange === 'string') return `journal: ${lastChange}`;
  // What comes next is never earlier than what was replayed: ids and list orders assume it.
  clock.resumeAt(Math.max(latestInstant(replayed.times, scenario), lastChange));
  options.inspect?.(store, parts.idempotency);
  const authOff = options.auth === false;
  const fallback = byToken.get(scenario.defaultToken) ?? null;
  const pipeline = authOff ? createPipeline({ ...parts, authenticate: () => fallback }) : byTokenPipeline;
  // With auth off a change is recorded as the default principal's, which is who made it.
  const recordedToken = authOff ? (): undefined => undefined : tokenOf;
  return { scenario, times: replayed.times, pipeline, recordedToken, changes, events: store.events, store };
}

/** A scenario step with the instant it ran at, as an export writes it. */
function stepAt(step: ScenarioStep, at: number | undefined): ScenarioStep {
  return at === undefined || Number.isNaN(at) ? step : { ...step, at: new Date(at).toISOString() };
}

/** The instance's scenario with each step at the instant it ran: what its changes apply to, replayable exactly. */
export function baseOf(instance: Instance): Scenario {
  const { scenario, times } = instance;
  return { ...scenario, steps: scenario.steps.map((step, index) => stepAt(step, times[index])) };
}

