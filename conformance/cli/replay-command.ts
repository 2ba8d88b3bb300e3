/**
 * `session-conformance replay TRACE --base-url URL`: sends a trace's steps to a server (saving
 * ids as the trace says), checks each answer against the contract, and shows where the status
 * differs from the trace's `expectStatus`. Exit 0 when every step matched, 1 otherwise, 2 on
 * setup errors.
 */
import { readFile } from 'node:fs/promises';
import { loadContract } from '../../contract/index.js';
import { checkExchange } from '../http/contract-check.js';
import { HttpClient } from '../http/http-client.js';
import type { ApiRequest } from '../http/exchange.js';
import type { Scenario } from '../report/trace-scenario.js';
import type { Output } from './run-command.js';

function pointerGet(value: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), value);
}

function fill(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (all, name: string) => vars.get(name) ?? all);
}

function fillJson(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillJson(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, vars)]));
  return value;
}

/** Replays the trace file against the server. */
export async function replayCommand(tracePath: string, baseUrl: string, output: Output): Promise<number> {
  let scenario: Scenario;
  try {
    scenario = JSON.parse(await readFile(tracePath, 'utf8')) as Scenario;
  } catch (error) {
    output.err(`error: cannot read ${tracePath}: ${(error as Error).message}`);
    return 2;
  }
  const contract = loadContract();
  const client = new HttpClient(baseUrl, (method, pathname) => {
    const match = contract.routes.match(method, pathname);
    return match.kind === 'matched' ? match.operation.operationId : null;
  });
  const vars = new Map<string, string>();
  let mismatches = 0;
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const request: ApiRequest = {
        method: step.method as ApiRequest['method'],
        path: fill(step.path, vars),
        token: step.as === undefined ? scenario.defaultToken : step.as,
        headers: Object.fromEntries(Object.entries(step.headers ?? {}).map(([k, v]) => [k, fill(v, vars)])),
        ...(step.json !== undefined ? { json: fillJson(step.json, vars) } : {}),
        ...(step.base64 !== undefined ? { bytes: Buffer.from(step.base64, 'base64'), contentType: step.contentType } : {}),
      };
      const exchange = await client.send(request);
      const status = exchange.response.status;
      const findings = checkExchange(contract, exchange);
      const differs = step.expectStatus !== undefined && status !== step.expectStatus;
      if (differs || findings.length > 0) mismatches += 1;
      output.out(`step ${index}: ${request.method} ${request.path} → ${status}${step.expectStatus !== undefined ? ` (trace expects ${step.expectStatus}, observed ${step.observed?.status ?? '?'})` : ''}${differs ? '  DIFFERS' : ''}`);
      for (const finding of findings) output.out(`    [${finding.invariant}] ${finding.message}`);
      for (const [name, pointer] of Object.entries(step.save ?? {})) {
        const value = pointerGet(exchange.response.json, pointer);
        if (typeof value === 'string' || typeof value === 'number') vars.set(name, String(value));
      }
    }
  } catch (error) {
    output.err(`error: ${(error as Error).message}`);
    return 2;
  } finally {
    await client.close();
  }
  output.out(mismatches === 0 ? 'replay: every step answered as the trace expects' : `replay: ${mismatches} step(s) differ from the trace's expectations`);
  return mismatches === 0 ? 0 : 1;
}
