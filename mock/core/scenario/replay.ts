import { base64ToBytes } from '../http/base64.js';
import type { MockRequest, MockResponse } from '../http/messages.js';
import { responseJson } from '../http/messages.js';
import type { Scenario, ScenarioStep } from './scenario.js';

/** Why a replay stopped. */
export interface ReplayFailure {
  readonly ok: false;
  readonly stepIndex: number;
  readonly message: string;
}

/** Replaces `{{name}}` with saved values in strings, deeply in JSON. */
function substitute<T>(value: T, vars: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return value.replace(/\{\{([A-Za-z0-9_.-]+)\}\}/g, (all, name: string) => vars.get(name) ?? all) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, vars)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) as T;
  }
  return value;
}

/** The core request for a step, variables substituted. */
export function stepRequest(step: ScenarioStep, defaultToken: string, vars: ReadonlyMap<string, string>): MockRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) headers[name.toLowerCase()] = substitute(value, vars);
  const token = step.as === undefined ? defaultToken : step.as;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: Uint8Array | undefined;
  if (step.json !== undefined) {
    body = new TextEncoder().encode(JSON.stringify(substitute(step.json, vars)));
    headers['content-type'] ??= 'application/json';
  } else if (step.text !== undefined) {
    body = new TextEncoder().encode(step.text);
    headers['content-type'] ??= 'application/octet-stream';
  } else if (step.base64 !== undefined) {
    body = base64ToBytes(step.base64);
    headers['content-type'] ??= 'application/octet-stream';
  }
  if (step.contentType !== undefined) headers['content-type'] = step.contentType;
  return { method: step.method, url: substitute(step.path, vars), headers, body };
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
 * Replays a scenario through `handle`. Each step must answer its `expectStatus` (or any 2xx/3xx
 * when none is given); `save` captures ids for later steps.
 */
export function replayScenario(scenario: Scenario, handle: (request: MockRequest) => MockResponse): { ok: true; vars: ReadonlyMap<string, string> } | ReplayFailure {
  const vars = new Map<string, string>();
  for (const [stepIndex, step] of scenario.steps.entries()) {
    const request = stepRequest(step, scenario.defaultToken, vars);
    const response = handle(request);
    const expected = step.expectStatus;
    if (expected !== undefined ? response.status !== expected : response.status >= 400) {
      const detail = typeof response.body === 'string' ? response.body.slice(0, 300) : '';
      return { ok: false, stepIndex, message: `step ${stepIndex} (${step.note ?? `${step.method} ${request.url}`}) answered ${response.status}, expected ${expected ?? '< 400'}: ${detail}` };
    }
    if (step.save) {
      const json = responseJson(response);
      for (const [name, pointer] of Object.entries(step.save)) {
        const value = pointerGet(json, pointer);
        if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, stepIndex, message: `step ${stepIndex}: nothing to save at ${pointer} for ${name}` };
        vars.set(name, String(value));
      }
    }
  }
  return { ok: true, vars };
}
