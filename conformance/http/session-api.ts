/**
 * One method per Session API operation the suite drives, acting as one principal. Methods return
 * the raw exchange: the caller compares it with the model.
 */
import type { ApiRequest, Exchange } from './exchange.js';
import type { ExchangeSender } from './http-client.js';

/** Extra request headers (If-Match, If-None-Match, Idempotency-Key). */
export type Headers = Readonly<Record<string, string>>;

const enc = encodeURIComponent;

function query(params: Record<string, string | number | readonly string[] | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? (value as readonly string[]) : [String(value)]) parts.push(`${enc(name)}=${enc(one)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** The Session API as one principal (`token` null: no Authorization header). */
export class SessionApi {
  constructor(private readonly client: ExchangeSender, readonly token: string | null) {}

  /** The same API as another principal. */
  as(token: string | null): SessionApi {
    return new SessionApi(this.client, token);
  }

  /** The same principal through another sender (a run's scope, which keeps that run's trace). */
  via(sender: ExchangeSender): SessionApi {
    return new SessionApi(sender, this.token);
  }

  private send(req: Omit<ApiRequest, 'token'>): Promise<Exchange> {
    return this.client.send({ ...req, token: this.token });
  }

  private s(id: string, rest = ''): string {
    return `/v1/sessions/${enc(id)}${rest}`;
  }

  createSession(body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: '/v1/sessions', json: body, headers }); }
  listSessions(q: { tag?: readonly string[]; ownerId?: string; limit?: number; cursor?: string }): Promise<Exchange> {
    return this.send({ method: 'GET', path: `/v1/sessions${query({ tag: q.tag, ownerId: q.ownerId, limit: q.limit, cursor: q.cursor })}` });
  }
  getSession(id: string, headers?: Headers): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id), headers }); }
  deleteSession(id: string, headers?: Headers): Promise<Exchange> { return this.send({ method: 'DELETE', path: this.s(id), headers }); }
  fork(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/fork'), json: body, headers }); }
  listFiles(id: string, q: { prefix?: string; revision?: string; checkpointId?: string; limit?: number; cursor?: string } = {}): Promise<Exchange> {
    return this.send({ method: 'GET', path: this.s(id, `/files${query(q)}`) });
  }
  getFile(id: string, path: string, q: { revision?: string; checkpointId?: string } = {}, headers?: Headers): Promise<Exchange> {
    return this.send({ method: 'GET', path: this.s(id, `/files/${enc(path)}${query(q)}`), headers });
  }
  /** `bytes` undefined sends no body and no Content-Type (an empty file, like a zero-length body). */
  putFile(id: string, path: string, bytes: Uint8Array | undefined, headers?: Headers): Promise<Exchange> {
    return this.send({ method: 'PUT', path: this.s(id, `/files/${enc(path)}`), ...(bytes === undefined ? {} : { bytes }), headers });
  }
  deleteFile(id: string, path: string, headers?: Headers): Promise<Exchange> { return this.send({ method: 'DELETE', path: this.s(id, `/files/${enc(path)}`), headers }); }
  createCheckpoint(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/checkpoints'), json: body, headers }); }
  listCheckpoints(id: string, q: { limit?: number; cursor?: string } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/checkpoints${query(q)}`) }); }
  getCheckpoint(id: string, checkpointId: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/checkpoints/${enc(checkpointId)}`) }); }
  restore(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/restore'), json: body, headers }); }
  patchTags(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'PATCH', path: this.s(id, '/tags'), json: body, headers }); }
  generateCommitSummary(id: string): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/generateCommitSummary'), json: {} }); }
  commit(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/commit'), json: body, headers }); }
  listCommits(id: string, q: { limit?: number; cursor?: string } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/commits${query(q)}`) }); }
  getCommit(id: string, commitId: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/commits/${enc(commitId)}`) }); }
  merge(kind: 'merge' | 'mergeFrom', targetId: string, body: unknown, headers?: Headers): Promise<Exchange> {
    return this.send({ method: 'POST', path: `/v1/sessions/${enc(targetId)}:${kind}`, json: body, headers });
  }
  getEnvironmentSpec(id: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, '/environmentSpec') }); }
  putEnvironmentSpec(id: string, spec: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'PUT', path: this.s(id, '/environmentSpec'), json: spec, headers }); }
  generateEnvironmentSpec(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/generateEnvironmentSpec'), json: body, headers }); }

  listAnnotations(id: string, q: { status?: string; path?: string; limit?: number; cursor?: string } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/annotations${query(q)}`) }); }
  createAnnotation(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/annotations'), json: body, headers }); }
  getAnnotation(id: string, annotationId: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/annotations/${enc(annotationId)}`) }); }
  updateAnnotation(id: string, annotationId: string, body: unknown): Promise<Exchange> { return this.send({ method: 'PATCH', path: this.s(id, `/annotations/${enc(annotationId)}`), json: body }); }
  deleteAnnotation(id: string, annotationId: string): Promise<Exchange> { return this.send({ method: 'DELETE', path: this.s(id, `/annotations/${enc(annotationId)}`) }); }
  listApprovals(id: string, q: { limit?: number; cursor?: string } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/approvals${query(q)}`) }); }
  createApproval(id: string, body: unknown, headers?: Headers): Promise<Exchange> { return this.send({ method: 'POST', path: this.s(id, '/approvals'), json: body, headers }); }
  getApproval(id: string, approvalId: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/approvals/${enc(approvalId)}`) }); }
  listCacheEntries(id: string, q: { prefix?: string; limit?: number; cursor?: string } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/cache${query(q)}`) }); }
  getCacheEntry(id: string, key: string): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/cache/${enc(key)}`) }); }
  putCacheEntry(id: string, key: string, body: unknown): Promise<Exchange> { return this.send({ method: 'PUT', path: this.s(id, `/cache/${enc(key)}`), json: body }); }
  deleteCacheEntry(id: string, key: string): Promise<Exchange> { return this.send({ method: 'DELETE', path: this.s(id, `/cache/${enc(key)}`) }); }
  /** One JSON page of events after `after`. */
  listEvents(id: string, q: { after?: string; limit?: number } = {}): Promise<Exchange> { return this.send({ method: 'GET', path: this.s(id, `/events${query(q)}`), headers: { accept: 'application/json' } }); }
  /** The event stream, read until `until` holds for the text so far (or `timeoutMs`), resuming after `lastEventId`. */
  streamEvents(id: string, options: { lastEventId?: string; until: (text: string) => boolean; timeoutMs: number }): Promise<Exchange> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    return this.send({ method: 'GET', path: this.s(id, '/events'), headers, stream: { until: options.until, timeoutMs: options.timeoutMs } });
  }
}
