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

/** Parses `--latency 200` or `--latency 50-300` (milliseconds). */
export function parseLatency(text: string): Latency | null {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text);
  if (!match) return null;
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  return maxMs >= minMs ? { minMs, maxMs } : null;
}

/** Validates fault settings sent to the admin API; returns a message for the first problem. */
export function validateFaults(value: unknown): { ok: true; value: FaultSettings } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'expected an object { latency, errors }' };
  const { latency = null, errors = [] } = value as { latency?: unknown; errors?: unknown };
  if (latency !== null) {
    const l = latency as Partial<Latency>;
    if (typeof l !== 'object' || !Number.isInteger(l.minMs) || !Number.isInteger(l.maxMs) || (l.minMs ?? 0) < 0 || (l.maxMs ?? 0) < (l.minMs ?? 0) || (l.maxMs ?? 0) > 60_000) {
      return { ok: false, message: 'latency must be { minMs, maxMs } with 0 <= minMs <= maxMs <= 60000' };
    }
  }
  if (!Array.isArray(errors)) return { ok: false, message: 'errors must be an array' };
  for (const [i, rule] of (errors as Partial<FaultRule>[]).entries()) {
    if (typeof rule !== 'object' || rule === null || typeof rule.operationId !== 'string' || !Number.isInteger(rule.status) || (rule.status ?? 0) < 400 || (rule.status ?? 0) > 599 || typeof rule.rate !== 'number' || rule.rate < 0 || rule.rate > 1) {
      return { ok: false, message: `errors[${i}] must be { operationId, status: 400..599, rate: 0..1 }` };
    }
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
