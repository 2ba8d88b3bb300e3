/**
 * A failing run's HTTP exchanges as a scenario (`fixtures/scenario.schema.json`): server-made ids
 * become `{{vN}}` variables saved from the response that introduced them, so the trace replays on
 * any server and loads into the mock as a fixture.
 */
import type { Exchange } from '../http/exchange.js';

/** A principal the trace acts as. */
export interface TracePrincipal {
  readonly token: string;
  readonly principalId: string;
  readonly tenantId: string;
}

/** One scenario step (the subset the suite writes). */
export interface ScenarioStep {
  note?: string;
  as?: string | null;
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  base64?: string;
  contentType?: string;
  save?: Record<string, string>;
  expectStatus?: number;
  observed?: { status: number; body?: unknown };
}

/** A scenario document. */
export interface Scenario {
  name: string;
  description: string;
  principals: TracePrincipal[];
  defaultToken: string;
  steps: ScenarioStep[];
}

const ID_KEY = /^(id|revision|[A-Za-z]+(Id|Revision))$/;

function idLeaves(value: unknown, pointer: string, out: Array<[string, string]>): void {
  if (Array.isArray(value)) value.forEach((item, i) => idLeaves(item, `${pointer}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string' && ID_KEY.test(key) && child.length >= 4) out.push([`${pointer}/${key}`, child]);
      else idLeaves(child, `${pointer}/${key}`, out);
    }
  }
}

function replaceAll(text: string, vars: ReadonlyMap<string, string>): string {
  let result = text;
  for (const [value, name] of [...vars.entries()].sort((a, b) => b[0].length - a[0].length)) result = result.split(value).join(`{{${name}}}`);
  return result;
}

function substituteJson(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return replaceAll(value, vars);
  if (Array.isArray(value)) return value.map((v) => substituteJson(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteJson(v, vars)]));
  return value;
}

/** Builds the scenario; `lastExpectedStatus` is what a correct server answers at the failing exchange. */
export function traceScenario(name: string, description: string, exchanges: readonly Exchange[], principals: TracePrincipal[], lastExpectedStatus: number | null): Scenario {
  const owner = principals[0];
  if (!owner) throw new Error('a trace needs at least one principal');
  const origins = new Map<string, { step: number; pointer: string }>();
  const vars = new Map<string, string>();
  const steps: ScenarioStep[] = [];
  exchanges.forEach((exchange, index) => {
    const { request, response } = exchange;
    const used = [request.path, JSON.stringify(request.json ?? null)].join('\n');
    for (const [value, origin] of origins) {
      if (vars.has(value) || !used.includes(value)) continue;
      const name = `v${vars.size + 1}`;
      vars.set(value, name);
      const source = steps[origin.step];
      if (source) source.save = { ...source.save, [name]: origin.pointer };
    }
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, replaceAll(v, vars)]));
    const isLast = index === exchanges.length - 1;
    const step: ScenarioStep = {
      ...(request.token === owner.token ? {} : { as: request.token }),
      method: request.method,
      path: replaceAll(request.path, vars),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(request.json !== undefined ? { json: substituteJson(request.json, vars) } : {}),
      ...(request.bytes !== undefined ? { base64: Buffer.from(request.bytes).toString('base64'), contentType: request.contentType ?? 'application/octet-stream' } : {}),
      expectStatus: isLast && lastExpectedStatus !== null ? lastExpectedStatus : response.status,
      observed: { status: response.status, ...(response.json !== undefined ? { body: response.json } : {}) },
      ...(isLast ? { note: 'the step where the server broke the invariant' } : {}),
    };
    steps.push(step);
    const leaves: Array<[string, string]> = [];
    idLeaves(response.json, '', leaves);
    for (const [pointer, value] of leaves) if (!origins.has(value)) origins.set(value, { step: index, pointer });
  });
  return { name, description, principals, defaultToken: owner.token, steps };
}
