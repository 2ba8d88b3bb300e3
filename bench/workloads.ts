/**
 * The request sequences the throughput benchmarks send, identical for every target. Prism is
 * stateless, so against it the same shapes only measure its throughput; against the mock every
 * request sees what the one before it created.
 */
import type autocannon from 'autocannon';

/** Used until a create has answered with an id (and always, for a stateless target). */
const FALLBACK_SESSION_ID = 'ses_4b1e9a';

/** What one connection remembers between the requests of one cycle. */
interface CycleContext {
  sessionId?: string;
}

function idOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The cycle's first step: create a session with one file, and remember its id for the steps after it. */
export function createStep(headers: Record<string, string>): autocannon.Request {
  return {
    method: 'POST',
    path: '/v1/sessions',
    headers,
    body: JSON.stringify({ title: 'bench session', files: [{ path: 'src/app.ts', content: 'export const v = 1;\n' }] }),
    onResponse: (status, body, context) => {
      (context as CycleContext).sessionId = status === 201 ? idOf(body) : undefined;
    },
  };
}

/** `GET /v1/sessions/{id}` over and over. */
export function sessionDetailWorkload(sessionId: string, token: string): () => autocannon.Request[] {
  return () => [{ method: 'GET', path: `/v1/sessions/${encodeURIComponent(sessionId)}`, headers: { authorization: `Bearer ${token}` } }];
}

/** What one cycle of {@link mixedWorkload} does, for the report. */
export const MIXED_CYCLE = 'create session (1 file), PUT file, GET file, fork, GET list page (limit 20)';

/**
 * The mixed stateful cycle, repeated by every connection: create a session, write a file into
 * it, read it back, fork the session, and read the newest page of the session list.
 */
export function mixedWorkload(token: string): () => autocannon.Request[] {
  const auth = `Bearer ${token}`;
  const json = { authorization: auth, 'content-type': 'application/json' };
  const inSession = (suffix: string) => (request: autocannon.Request, context: object): autocannon.Request => {
    const id = (context as CycleContext).sessionId ?? FALLBACK_SESSION_ID;
    return { ...request, path: `/v1/sessions/${encodeURIComponent(id)}${suffix}` };
  };
  return () => [
    createStep(json),
    { method: 'PUT', headers: { authorization: auth, 'content-type': 'text/plain' }, body: '# Bench\n', setupRequest: inSession('/files/README.md') },
    { method: 'GET', headers: { authorization: auth }, setupRequest: inSession('/files/README.md') },
    { method: 'POST', headers: json, body: JSON.stringify({ title: 'bench fork' }), setupRequest: inSession('/fork') },
    { method: 'GET', path: '/v1/sessions?limit=20', headers: { authorization: auth } },
  ];
}
