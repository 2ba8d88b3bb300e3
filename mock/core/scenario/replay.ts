import type { MockRequest, MockResponse } from '../http/messages.js';
import { responseJson } from '../http/messages.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import { stepRequest } from './step-request.js';

/** Why a replay stopped. */
export interface ReplayFailure {
  readonly ok: false;
  readonly stepIndex: number;
  readonly message: string;
}

function pointerGet(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/**
 * The clock a replay runs steps on: `during(at, run)` runs one step with every timestamp it makes
 * at `at` (a recorded instant) or, without one, at the current reading, and tells `run` which.
 */
export interface StepClock {
  during<T>(at: number | undefined, run: (at: number) => T): T;
}

/** The latest instant an ISO-8601 text or a millisecond count can name and still print as ISO (year 9999). */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A step's `at` in milliseconds; `undefined` without one, `null` when it names no instant. */
export function stepInstant(at: ScenarioStep['at']): number | undefined | null {
  if (at === undefined) return undefined;
  const ms = typeof at === 'number' ? at : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(at) ? Date.parse(at) : NaN;
  return Number.isInteger(ms) && ms >= 0 && ms <= LAST_INSTANT ? ms : null;
}

/** Sends one step and checks its answer; a message when it failed, else nothing. */
function runStep(step: ScenarioStep, stepIndex: number, defaultToken: string, send: (request: MockRequest, at: number | undefined) => MockResponse, vars: Map<string, string>): string | null {
  const built = stepRequest(step, defaultToken, vars);
  if (!built.ok) return `step ${stepIndex} (${step.note ?? `${step.method} ${step.path}`}): ${built.message}`;
  const at = stepInstant(step.at);
  if (at === null) return `step ${stepIndex}: at ${JSON.stringify(step.at)} is not an instant (ms since 1970, or ISO-8601 with a time zone, up to year 9999)`;
  const { request } = built;
  const response = send(request, at);
  const expected = step.expectStatus;
  if (expected !== undefined ? response.status !== expected : response.status >= 400) {
    const detail = typeof response.body === 'string' ? response.body.slice(0, 300) : '';
    return `step ${stepIndex} (${step.note ?? `${step.method} ${request.url}`}) answered ${response.status}, expected ${expected ?? '< 400'}: ${detail}`;
  }
  if (step.save) {
    const json = responseJson(response);
    for (const [name, pointer] of Object.entries(step.save)) {
      const value = pointerGet(json, pointer);
      if (typeof value !== 'string' && typeof value !== 'number') return `step ${stepIndex}: nothing to save at ${pointer} for ${name}`;
      vars.set(name, String(value));
    }
  }
  return null;
}

/** A replay that ran every step: the saved variables and the instant each step ran at (ms, by step). */
export interface ReplaySuccess {
  readonly ok: true;
  readonly vars: ReadonlyMap<string, string>;
  readonly times: readonly number[];
}

/**
 * Replays a scenario through `handle`. Each step must answer its `expectStatus` (or any 2xx/3xx
 * when none is given); `save` captures ids for later steps. Whatever goes wrong in a step is a
 * failure of that step, so the caller can say which one. With a `clock`, each step runs at its
 * `at` (the instant it first ran), so the timestamps it makes, cache expiry included, are the
 * recorded ones; `times` says when each step ran (`NaN` for all without a clock).
 */
export function replayScenario(scenario: Scenario, handle: (request: MockRequest) => MockResponse, clock?: StepClock): ReplaySuccess | ReplayFailure {
  const vars = new Map<string, string>();
  const times: number[] = [];
  const send = (request: MockRequest, at: number | undefined): MockResponse => {
    if (!clock) {
      times.push(NaN);
      return handle(request);
    }
    return clock.during(at, (instant) => {
      times.push(instant);
      return handle(request);
    });
  };
  for (const [stepIndex, step] of scenario.steps.entries()) {
    let message: string | null;
    try {
      message = runStep(step, stepIndex, scenario.defaultToken, send, vars);
    } catch (error) {
      // Steps the schema did not check (a library caller's scenario) or a bug in a handler: either
      // way the caller must learn which step, not get an exception from deep inside it.
      message = `step ${stepIndex} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (message !== null) return { ok: false, stepIndex, message };
  }
  return { ok: true, vars, times };
}
