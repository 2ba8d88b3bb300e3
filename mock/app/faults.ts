import { escapePointer } from '../../contract/portable.js';

/** Latency added to every answered request: fixed, or uniform within a range. */
export interface Latency {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Fail a share of the requests to one operation (or `*`) with a status, for resilience testing. */
export interface FaultRule {
  readonly operationId: string;
  readonly status: number;
  /** 0..1: the share of matching requests that fail. */
  readonly rate: number;
}

/** The fault settings the admin API reads and writes. */
export interface FaultSettings {
  readonly latency: Latency | null;
  readonly errors: readonly FaultRule[];
}

export const NO_FAULTS: FaultSettings = { latency: null, errors: [] };

/** The most latency the mock adds (ms): beyond it node's timers overflow, and no test wants it. */
export const MAX_LATENCY_MS = 60_000;

/** Whether `minMs..maxMs` is a latency the mock takes, from `--latency` or the admin API alike. */
function latencyInRange(minMs: number, maxMs: number): boolean {
  return Number.isInteger(minMs) && Number.isInteger(maxMs) && minMs >= 0 && minMs <= maxMs && maxMs <= MAX_LATENCY_MS;
}

/** Parses `--latency 200` or `--latency 50-300` (milliseconds, at most {@link MAX_LATENCY_MS}). */
export function parseLatency(text: string): Latency | null {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text);
  if (!match) return null;
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  return latencyInRange(minMs, maxMs) ? { minMs, maxMs } : null;
}

/** Why fault settings were refused: a message, and a JSON Pointer to the offending member. */
export interface FaultsProblem {
  readonly ok: false;
  readonly pointer: string;
  readonly message: string;
}

const SETTINGS_KEYS = ['latency', 'errors'];
const LATENCY_KEYS = ['minMs', 'maxMs'];
const RULE_KEYS = ['operationId', 'status', 'rate'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key of `value` outside `allowed`: a typo would otherwise be stored, or ignored, silently. */
function unknownKey(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !allowed.includes(key));
}

function latencyProblem(latency: unknown): FaultsProblem | null {
  const refuse = (message: string, pointer = '/latency'): FaultsProblem => ({ ok: false, pointer, message });
  if (latency === null) return null;
  const shape = `latency must be null or { minMs, maxMs } with 0 <= minMs <= maxMs <= ${MAX_LATENCY_MS}`;
  if (!isPlainObject(latency)) return refuse(shape);
  const extra = unknownKey(latency, LATENCY_KEYS);
  if (extra !== undefined) return refuse(`latency has an unknown member "${extra}"; ${shape}`, `/latency/${escapePointer(extra)}`);
  const { minMs, maxMs } = latency;
  if (typeof minMs !== 'number' || typeof maxMs !== 'number' || !latencyInRange(minMs, maxMs)) return refuse(shape);
  return null;
}

function ruleProblem(rule: unknown, i: number, isOperation: (operationId: string) => boolean): FaultsProblem | null {
  const pointer = `/errors/${i}`;
  const shape = `errors[${i}] must be { operationId, status: 400..599, rate: 0..1 }`;
  if (!isPlainObject(rule)) return { ok: false, pointer, message: shape };
  const extra = unknownKey(rule, RULE_KEYS);
  if (extra !== undefined) return { ok: false, pointer: `${pointer}/${escapePointer(extra)}`, message: `errors[${i}] has an unknown member "${extra}"; ${shape}` };
  const { operationId, status, rate } = rule;
  if (typeof operationId !== 'string' || typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599 || typeof rate !== 'number' || rate < 0 || rate > 1) {
    return { ok: false, pointer, message: shape };
  }
  // A misspelt operationId would be stored and never fire: the resilience test would pass untested.
  if (operationId !== '*' && !isOperation(operationId)) {
    return { ok: false, pointer: `${pointer}/operationId`, message: `errors[${i}].operationId "${operationId}" is not an operation of the contract; use "*" or an operationId from contract/openapi.yaml` };
  }
  return null;
}

/**
 * Validates fault settings sent to the admin API; the first problem when they are not valid.
 * `isOperation` says whether an operationId is one of the contract's.
 */
export function validateFaults(value: unknown, isOperation: (operationId: string) => boolean): { ok: true; value: FaultSettings } | FaultsProblem {
  if (!isPlainObject(value)) return { ok: false, pointer: '', message: 'expected an object { latency, errors }' };
  const extra = unknownKey(value, SETTINGS_KEYS);
  if (extra !== undefined) return { ok: false, pointer: `/${escapePointer(extra)}`, message: `unknown member "${extra}"; expected { latency, errors }` };
  const { latency = null, errors = [] } = value;
  const badLatency = latencyProblem(latency);
  if (badLatency) return badLatency;
  if (!Array.isArray(errors)) return { ok: false, pointer: '/errors', message: 'errors must be an array' };
  for (const [i, rule] of (errors as unknown[]).entries()) {
    const badRule = ruleProblem(rule, i, isOperation);
    if (badRule) return badRule;
  }
  return { ok: true, value: { latency: latency as Latency | null, errors: errors as FaultRule[] } };
}

/** A small seeded generator (mulberry32) so fault runs can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
