/**
 * The soak bench's two request sequences: the bench's mixed workload with its writes counted, and
 * a read-only one over a fixed set of sessions (nothing it sends may make the mock keep anything).
 */
import type autocannon from 'autocannon';
import { randomFor } from '../fuzz/fuzz-random.js';
import { mixedWorkload } from '../workloads.js';

/** Write responses seen by {@link countedMixedWorkload}. */
export interface WriteCounter {
  accepted: number;
  rejected: number;
}

/**
 * {@link mixedWorkload}, counting each write's answer: 2xx is an accepted write. `keyed`: every
 * POST carries a fresh `Idempotency-Key`, so the idempotency table's cost per key shows too.
 */
export function countedMixedWorkload(token: string, counter: WriteCounter, keyed = false): () => autocannon.Request[] {
  const mixed = mixedWorkload(token);
  let key = 0;
  const withKey = (request: autocannon.Request): autocannon.Request => ({ ...request, headers: { ...request.headers, 'idempotency-key': `soak-${(key += 1)}` } });
  return () =>
    mixed().map((request) => {
      if ((request.method ?? 'GET') === 'GET') return request;
      const original = request.onResponse;
      const setup = request.setupRequest;
      return {
        ...request,
        ...(keyed && request.method === 'POST'
          ? { setupRequest: (r: autocannon.Request, context: object) => withKey(typeof setup === 'function' ? setup(r, context) : r) }
          : {}),
        onResponse: (status: number, body: string, context: object, headers: autocannon.Request['headers']) => {
          if (status >= 200 && status < 300) counter.accepted += 1;
          else counter.rejected += 1;
          if (typeof original === 'function') original(status, body, context, headers);
        },
      };
    });
}

/** What one cycle of {@link readOnlyWorkload} does, for the report. */
export const READ_CYCLE = 'GET session, GET file README.md, GET list page (limit 20), sessions drawn by the seed';

/** Session detail, a file and the newest list page, over `sessionIds` in an order drawn from `seed`. */
export function readOnlyWorkload(token: string, sessionIds: readonly string[], seed: number): () => autocannon.Request[] {
  if (sessionIds.length === 0) throw new Error('the read-only workload needs at least one session id');
  const headers = { authorization: `Bearer ${token}` };
  const random = randomFor(seed, 0);
  const inSession = (suffix: string) => (request: autocannon.Request): autocannon.Request => ({
    ...request,
    path: `/v1/sessions/${encodeURIComponent(random.pick(sessionIds))}${suffix}`,
  });
  return () => [
    { method: 'GET', headers, setupRequest: inSession('') },
    { method: 'GET', headers, setupRequest: inSession('/files/README.md') },
    { method: 'GET', path: '/v1/sessions?limit=20', headers },
  ];
}
