/**
 * The mock core: `handle(request) → response` over one in-memory store. No socket, no terminal
 * output, no globals: every core owns its state, so tests run many side by side.
 */
import { tokenReader } from './http/bearer-token.js';
import type { Contract } from '../../contract/index.js';
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
import { exportName } from './scenario/export-name.js';
import { isRecordedChange, recordChange, toScenarioStep } from './scenario/record-step.js';
import { replayScenario, stepInstant } from './scenario/replay.js';
import type { Scenario, ScenarioPrincipal, ScenarioStep } from './scenario/scenario.js';
import { ControllableClock } from './state/controllable-clock.js';
import type { EventLog } from './state/event-log.js';
import { Store } from './state/store.js';

/** Options of {@link createMockCore}. */
export interface MockCoreOptions {
  readonly contract: Contract;
  /** Replayed at start and on every reset; `null` starts empty with one default principal. */
  readonly scenario: Scenario | null;
  /**
   * `false`: every request acts as the scenario's default principal, whatever token it sends (the
   * scenario's own steps still act as the tokens they name). Default true.
   */
  readonly auth?: boolean;
  /** Checks an imported state against the scenario schema; a message when it is not one. */
  readonly checkScenario?: (value: unknown) => string | null;
  /** The real clock under {@link MockCore.clock} (tests pin it). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Test seam: called with each new store and idempotency table (at start, on reset, on import),
   * to read what handlers recorded (events) and how many keys are held.
   */
  readonly inspect?: (store: Store, idempotency: IdempotencyTable) => void;
}

/** A running core: the request handler plus the state controls the admin API exposes. */
export interface MockCore {
  handle(request: MockRequest): MockResponse;
  /** Back to the scenario's state: sessions, idempotency keys, everything but the clock (a setting, like faults). */
  reset(): void;
  /** The state as a replayable scenario: the principals plus every accepted change so far. */
  exportState(): Scenario;
  /** Replaces the state by replaying `state`; on any failure the old state stays. */
  importState(state: unknown): { ok: true } | { ok: false; message: string };
  /** The token table; `default` marks the scenario's default principal (who every request is with auth off). */
  tokens(): readonly { readonly token: string; readonly principalId: string; readonly tenantId: string; readonly admin: boolean; readonly default: boolean }[];
  /**
   * The one clock every timestamp and cache TTL reads; the admin API (and any other adapter)
   * freezes, sets and advances it. Reset and import keep it, as they keep faults.
   */
  readonly clock: ControllableClock;
  /** How many event streams follow the state now (tests check that a dropped client released its own). */
  eventSubscribers(): number;
}

/** With no fixtures there is still someone to act as: one admin of one tenant. */
const EMPTY_SCENARIO: Scenario = {
  name: 'empty',
  principals: [{ token: 'dev-token', principalId: 'usr_dev', tenantId: 'dev', admin: true, description: 'default principal of an empty mock' }],
  defaultToken: 'dev-token',
  steps: [],
};

interface Instance {
  readonly scenario: Scenario;
  /** The instant each of the scenario's steps ran at, so an export replays them at the same instants. */
  readonly times: readonly number[];
  readonly handle: (request: MockRequest) => MockResponse;
  /** Accepted changes since the scenario was replayed, in order (packed; exports read them back). */
  readonly changes: ChangeLog;
  /** This state's event logs; closed when a reset or an import replaces the state, which ends its streams. */
  readonly events: EventLog;
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

/** Builds a fresh store and pipeline for a scenario and replays it; a message when a step fails. */
function instantiate(options: MockCoreOptions, clock: ControllableClock, scenario: Scenario): Instance | string {
  if (scenario.exportedAt !== undefined && stepInstant(scenario.exportedAt) === null) return `scenario ${scenario.name}: exportedAt ${JSON.stringify(scenario.exportedAt)} is not an ISO-8601 instant`;
  const store = new Store(() => clock.nowMs());
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
  const parts = { contract: options.contract, handlers, idempotency: new IdempotencyTable(() => clock.nowMs()) };
  const byTokenPipeline = createPipeline({ ...parts, authenticate: byAuthorization });
  // A scenario's steps say who did what, so they always act as the tokens they name.
  // Each step runs at the instant it first ran (its `at`), so timestamps and cache expiry come back.
  const replayed = replayScenario(scenario, byTokenPipeline, clock);
  if (!replayed.ok) return `scenario ${scenario.name}: ${replayed.message}`;
  // What comes next is never earlier than what was replayed: ids and list orders assume it.
  clock.resumeAt(latestInstant(replayed.times, scenario));
  options.inspect?.(store, parts.idempotency);
  const authOff = options.auth === false;
  const fallback = byToken.get(scenario.defaultToken) ?? null;
  const pipeline = authOff ? createPipeline({ ...parts, authenticate: () => fallback }) : byTokenPipeline;
  // With auth off a change is recorded as the default principal's, which is who made it.
  const recordedToken = authOff ? (): undefined => undefined : tokenOf;
  const changes = new ChangeLog();
  // One request happens at one instant: every timestamp it makes is the reading it is recorded with.
  const handle = (request: MockRequest): MockResponse =>
    clock.during(undefined, (at) => {
      const response = pipeline(request);
      if (isRecordedChange(request, response)) changes.append(recordChange(request, response.status, recordedToken, at));
      return response;
    });
  return { scenario, times: replayed.times, handle, changes, events: store.events };
}

/** A scenario step with the instant it ran at, as an export writes it. */
function stepAt(step: ScenarioStep, at: number | undefined): ScenarioStep {
  return at === undefined || Number.isNaN(at) ? step : { ...step, at: new Date(at).toISOString() };
}

/** Creates a core and replays its scenario. Throws when the scenario itself fails (a broken fixture). */
export function createMockCore(options: MockCoreOptions): MockCore {
  const initial = options.scenario ?? EMPTY_SCENARIO;
  const clock = new ControllableClock(options.now);
  const first = instantiate(options, clock, initial);
  if (typeof first === 'string') throw new Error(first);
  let current: Instance = first;

  return {
    handle: (request) => current.handle(request),
    reset() {
      const fresh = instantiate(options, clock, initial);
      // The scenario replayed once already, so it replays again; a string here would be a bug.
      if (typeof fresh === 'string') throw new Error(fresh);
      current.events.close();
      current = fresh;
    },
    exportState() {
      const { scenario, times, changes } = current;
      const replayed = scenario.steps.map((step, index) => stepAt(step, times[index]));
      const steps = [...replayed, ...Array.from(changes, (c) => toScenarioStep(c, scenario.defaultToken))];
      return { ...scenario, name: exportName(scenario.name), steps, exportedAt: clock.status().now };
    },
    importState(state) {
      const problems = options.checkScenario?.(state) ?? null;
      if (problems !== null) return { ok: false, message: `not a scenario: ${problems}` };
      const next = instantiate(options, clock, state as Scenario);
      if (typeof next === 'string') return { ok: false, message: next };
      current.events.close();
      current = next;
      return { ok: true };
    },
    eventSubscribers: () => current.events.subscriberCount(),
    tokens() {
      const { principals, defaultToken } = current.scenario;
      return principals.map((p) => ({ token: p.token, principalId: p.principalId, tenantId: p.tenantId, admin: p.admin === true, default: p.token === defaultToken }));
    },
    clock,
  };
}
