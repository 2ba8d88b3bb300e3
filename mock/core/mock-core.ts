/**
 * The mock core: `handle(request) → response` over one in-memory store. No socket, no terminal
 * output, no globals: every core owns its state, so tests run many side by side.
 */
import { tokenReader } from './http/bearer-token.js';
import type { Contract } from '../../contract/index.js';
import { commitHandlers } from './handlers/commits.js';
import { environmentHandlers } from './handlers/environment.js';
import { eventHandlers } from './handlers/events.js';
import { fileHandlers } from './handlers/files.js';
import { lineageHandlers } from './handlers/lineage.js';
import { mergeHandlers } from './handlers/merge.js';
import { sessionHandlers } from './handlers/sessions.js';
import type { MockRequest, MockResponse } from './http/messages.js';
import { createPipeline, type OperationHandler, type PipelineParts, type Principal } from './http/pipeline.js';
import { ChangeLog } from './scenario/change-log.js';
import { exportName } from './scenario/export-name.js';
import { isRecordedChange, recordChange, toScenarioStep } from './scenario/record-step.js';
import { replayScenario } from './scenario/replay.js';
import type { Scenario, ScenarioPrincipal } from './scenario/scenario.js';
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
  /** Clock for `createdAt`/`updatedAt` (tests pin it). */
  readonly now?: () => number;
}

/** A running core: the request handler plus the state controls the admin API exposes. */
export interface MockCore {
  handle(request: MockRequest): MockResponse;
  /** Back to the scenario's state: sessions, idempotency keys, everything. */
  reset(): void;
  /** The state as a replayable scenario: the principals plus every accepted change so far. */
  exportState(): Scenario;
  /** Replaces the state by replaying `state`; on any failure the old state stays. */
  importState(state: unknown): { ok: true } | { ok: false; message: string };
  /** The token table; `default` marks the scenario's default principal (who every request is with auth off). */
  tokens(): readonly { readonly token: string; readonly principalId: string; readonly tenantId: string; readonly admin: boolean; readonly default: boolean }[];
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
  readonly handle: (request: MockRequest) => MockResponse;
  /** Accepted changes since the scenario was replayed, in order (packed; exports read them back). */
  readonly changes: ChangeLog;
  /** This state's event logs; closed when a reset or an import replaces the state, which ends its streams. */
  readonly events: EventLog;
}

function principalOf(entry: ScenarioPrincipal): Principal {
  return { principalId: entry.principalId, tenantId: entry.tenantId, admin: entry.admin === true };
}

/** Builds a fresh store and pipeline for a scenario and replays it; a message when a step fails. */
function instantiate(options: MockCoreOptions, scenario: Scenario): Instance | string {
  const store = new Store(options.now);
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
    ...eventHandlers(store),
  };
  const parts = { contract: options.contract, handlers, idempotency: new Map() as PipelineParts['idempotency'] };
  const byTokenPipeline = createPipeline({ ...parts, authenticate: byAuthorization });
  // A scenario's steps say who did what, so they always act as the tokens they name.
  const replayed = replayScenario(scenario, byTokenPipeline);
  if (!replayed.ok) return `scenario ${scenario.name}: ${replayed.message}`;
  const authOff = options.auth === false;
  const fallback = byToken.get(scenario.defaultToken) ?? null;
  const pipeline = authOff ? createPipeline({ ...parts, authenticate: () => fallback }) : byTokenPipeline;
  // With auth off a change is recorded as the default principal's, which is who made it.
  const recordedToken = authOff ? (): undefined => undefined : tokenOf;
  const changes = new ChangeLog();
  const handle = (request: MockRequest): MockResponse => {
    const response = pipeline(request);
    if (isRecordedChange(request, response)) changes.append(recordChange(request, response.status, recordedToken));
    return response;
  };
  return { scenario, handle, changes, events: store.events };
}

/** Creates a core and replays its scenario. Throws when the scenario itself fails (a broken fixture). */
export function createMockCore(options: MockCoreOptions): MockCore {
  const initial = options.scenario ?? EMPTY_SCENARIO;
  const first = instantiate(options, initial);
  if (typeof first === 'string') throw new Error(first);
  let current: Instance = first;

  return {
    handle: (request) => current.handle(request),
    reset() {
      const fresh = instantiate(options, initial);
      // The scenario replayed once already, so it replays again; a string here would be a bug.
      if (typeof fresh === 'string') throw new Error(fresh);
      current.events.close();
      current = fresh;
    },
    exportState() {
      const { scenario, changes } = current;
      return { ...scenario, name: exportName(scenario.name), steps: [...scenario.steps, ...Array.from(changes, (c) => toScenarioStep(c, scenario.defaultToken))] };
    },
    importState(state) {
      const problems = options.checkScenario?.(state) ?? null;
      if (problems !== null) return { ok: false, message: `not a scenario: ${problems}` };
      const next = instantiate(options, state as Scenario);
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
  };
}
