import { nestedDeeperThan } from '../domain/index.js';
import { base64ToBytes, bytesToBase64 } from '../http/base64.js';
import type { MockRequest } from '../http/messages.js';
import type { ScenarioStep } from './scenario.js';

/**
 * How deep a step's `json` may nest. Far past any body the API takes (metadata stops at 32 levels),
 * and far enough below the engine's recursion limits that substituting the step, serialising its
 * body and serialising a state export that holds it all stay safe.
 */
export const MAX_STEP_JSON_DEPTH = 512;

/**
 * The bytes of canonical base64 (padded, no whitespace, no stray bits), else null. The schema's
 * pattern checks the alphabet and the padding but cannot check the length (a regex that counts
 * groups of four overflows V8's backtracking stack on multi-megabyte bodies), so a round trip
 * settles it: canonical text is exactly what re-encoding its bytes gives.
 */
function canonicalBase64Bytes(text: string): Uint8Array | null {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(text);
  } catch {
    return null;
  }
  return bytesToBase64(bytes) === text ? bytes : null;
}

/** Replaces `{{name}}` with saved values in strings, deeply in JSON (callers bound the depth). */
function substitute<T>(value: T, vars: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return value.replace(/\{\{([A-Za-z0-9_.-]+)\}\}/g, (all, name: string) => vars.get(name) ?? all) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, vars)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) as T;
  }
  return value;
}

/** The core request for a step, variables substituted; a message when the step cannot be sent. */
export function stepRequest(step: ScenarioStep, defaultToken: string, vars: ReadonlyMap<string, string>): { ok: true; request: MockRequest } | { ok: false; message: string } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) headers[name.toLowerCase()] = substitute(value, vars);
  const token = step.as === undefined ? defaultToken : step.as;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: Uint8Array | undefined;
  if (step.json !== undefined) {
    if (nestedDeeperThan(step.json, MAX_STEP_JSON_DEPTH)) return { ok: false, message: `json nests more than ${MAX_STEP_JSON_DEPTH} levels deep` };
    body = new TextEncoder().encode(JSON.stringify(substitute(step.json, vars)));
    headers['content-type'] ??= 'application/json';
  } else if (step.text !== undefined) {
    body = new TextEncoder().encode(step.text);
    headers['content-type'] ??= 'application/octet-stream';
  } else if (step.base64 !== undefined) {
    const bytes = canonicalBase64Bytes(step.base64);
    if (bytes === null) return { ok: false, message: 'base64 is not canonical base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4 characters, no whitespace)' };
    body = bytes;
    headers['content-type'] ??= 'application/octet-stream';
  }
  if (step.contentType !== undefined) headers['content-type'] = step.contentType;
  return { ok: true, request: { method: step.method, url: substitute(step.path, vars), headers, body } };
}
