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

/** Sends one step and checks its answer; a message when it failed, else nothing. */
function runStep(step: ScenarioStep, stepIndex: number, defaultToken: string, handle: (request: MockRequest) => MockResponse, vars: Map<string, string>): string | null {
  const built = stepRequest(step, defaultToken, vars);
  if (!built.ok) return `step ${stepIndex} (${step.note ?? `${step.method} ${step.path}`}): ${built.message}`;
  const { request } = built;
  const response = handle(request);
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

/**
 * Replays a scenario through `handle`. Each step must answer its `expectStatus` (or any 2xx/3xx
 * when none is given); `save` captures ids for later steps. Whatever goes wrong in a step is a
 * failure of that step, so the caller can say which one.
 */
export function replayScenario(scenario: Scenario, handle: (request: MockRequest) => MockResponse): { ok: true; vars: ReadonlyMap<string, string> } | ReplayFailure {
  const vars = new Map<string, string>();
  for (const [stepIndex, step] of scenario.steps.entries()) {
    let message: string | null;
    try {
      message = runStep(step, stepIndex, scenario.defaultToken, handle, vars);
    } catch (error) {
      // Steps the schema did not check (a library caller's scenario) or a bug in a handler: either
      // way the caller must learn which step, not get an exception from deep inside it.
      message = `step ${stepIndex} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (message !== null) return { ok: false, stepIndex, message };
  }
  return { ok: true, vars };
}
