/**
 * Test-only: deliberately broken servers, each breaking one rule, as proxy rules in front of the
 * mock. A rule rewrites requests or responses, or sends extra requests to the mock (always as the
 * caller, with the caller's token). The kill table in `conformance/README.md` lists them with the
 * invariant that catches each; `broken-servers.e2e.test.ts` proves it.
 */
import { jsonOf, type ProxyMessage, type ProxyResponse, type ProxyRule } from './broken-proxy.js';

/** A broken server: the rule it breaks, in words, and the invariant the suite must report. */
export interface BrokenServer {
  readonly name: string;
  /** What the proxy does (the kill table's second column). */
  readonly does: string;
  /** The invariant id the suite must report. */
  readonly breaks: string;
  readonly rule: () => ProxyRule;
}

const pass: ProxyRule = (req, forward) => forward(req);

const SESSION = /^\/v1\/sessions\/([^/:?]+)/;
const MERGE = /^\/v1\/sessions\/([^/:?]+):merge(From)?$/;

/** The session id a path addresses, decoded (undefined for `/v1/sessions` itself). */
export function sessionOf(path: string): string | undefined {
  const m = SESSION.exec(path);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

/** An extra request to the mock as the caller (same Authorization), with an optional JSON body. */
export function asCaller(req: ProxyMessage, method: string, path: string, json?: unknown): ProxyMessage {
  const headers: Record<string, string> = {};
  if (req.headers.authorization !== undefined) headers.authorization = req.headers.authorization;
  if (json !== undefined) headers['content-type'] = 'application/json';
  return { method, path, headers, body: json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json)) };
}

/** A raw-bytes PUT of a file as the caller. */
function putBytes(req: ProxyMessage, sessionId: string, path: string, bytes: Buffer): ProxyMessage {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (req.headers.authorization !== undefined) headers.authorization = req.headers.authorization;
  return { method: 'PUT', path: `/v1/sessions/${encodeURIComponent(sessionId)}/files/${encodeURIComponent(path)}`, headers, body: bytes };
}

/** The response with a new JSON body. */
function withJson(res: ProxyResponse, json: unknown): ProxyResponse {
  return { ...res, body: Buffer.from(JSON.stringify(json)) };
}

/** Calls `edit` on every object nested in a JSON value (depth first), in place. */
function everyObject(value: unknown, edit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) everyObject(item, edit);
  else if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) everyObject(child, edit);
    edit(value as Record<string, unknown>);
  }
}

/** Rewrites every JSON response body with `edit` applied to each nested object. */
function rewriteObjects(edit: (obj: Record<string, unknown>, req: ProxyMessage) => void): ProxyRule {
  return async (req, forward) => {
    const res = await forward(req);
    const json = jsonOf(res.body);
    if (!json || !(res.headers['content-type'] ?? '').includes('json')) return res;
    everyObject(json, (obj) => edit(obj, req));
    return withJson(res, json);
  };
}

/** Writes to a fork also land in its source (the fork aliases its parent's workspace). */
const forkAliasing = (): ProxyRule => {
  const parentOf = new Map<string, string>();
  return async (req, forward) => {
    const res = await forward(req);
    const fork = /^\/v1\/sessions\/([^/]+)\/fork$/.exec(req.path);
    if (req.method === 'POST' && fork && res.status === 201) {
      const child = jsonOf(res.body)?.id;
      if (typeof child === 'string' && fork[1]) parentOf.set(child, decodeURIComponent(fork[1]));
    }
    const write = /^\/v1\/sessions\/([^/]+)(\/files\/.+)$/.exec(req.path);
    const parent = write?.[1] ? parentOf.get(decodeURIComponent(write[1])) : undefined;
    if (req.method === 'PUT' && write && parent && res.status < 300) await forward({ ...req, path: `/v1/sessions/${encodeURIComponent(parent)}${write[2] ?? ''}` });
    return res;
  };
};

/** Session ETags and versions never move from "1". */
const frozenEtag = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  if (/^"\d+"$/.test(res.headers.etag ?? '')) res.headers.etag = '"1"';
  const json = jsonOf(res.body);
  if (json && typeof json.version === 'number') res.body = Buffer.from(JSON.stringify({ ...json, version: 1 }));
  if (json && typeof (json.session as { version?: unknown } | undefined)?.version === 'number') res.body = Buffer.from(JSON.stringify({ ...json, session: { ...(json.session as object), version: 1 } }));
  return res;
};

/** Merges with `strategy: fail` silently take the source's side instead of reporting conflicts. */
const missedConflict = (): ProxyRule => async (req, forward) => {
  if (req.method === 'POST' && MERGE.test(req.path)) {
    const body = jsonOf(req.body);
    if (body && (body.strategy === undefined || body.strategy === 'fail')) {
      const res = await forward({ ...req, body: Buffer.from(JSON.stringify({ ...body, strategy: 'theirs' })) });
      const json = jsonOf(res.body);
      if (res.status === 200 && json) res.body = Buffer.from(JSON.stringify({ ...json, resolved: [] }));
      return res;
    }
  }
  return forward(req);
};

/**
 * DELETE answers 204 but the session lives on. An impossible If-Match lets the mock do every
 * other check (404, 403) first: its 412 means "would have deleted".
 */
const undeadSession = (): ProxyRule => async (req, forward) => {
  if (req.method === 'DELETE' && /^\/v1\/sessions\/[^/]+$/.test(req.path) && req.headers['if-match'] === undefined) {
    const res = await forward({ ...req, headers: { ...req.headers, 'if-match': '"999999"' } });
    return res.status === 412 ? { status: 204, headers: {}, body: Buffer.alloc(0) } : res;
  }
  return forward(req);
};

/** Every 400 becomes a 500 (a crash on bad input). */
const crashOnBadInput = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  if (res.status !== 400) return res;
  const json = jsonOf(res.body) ?? {};
  return { ...res, status: 500, body: Buffer.from(JSON.stringify({ ...json, status: 500, code: 'internal-error', type: 'urn:session-api:problem:internal-error' })) };
};

/**
 * Restore answers 200 with the session but restores nothing. The impossible If-Match lets the
 * mock refuse what it would refuse (404, 403); a foreign checkpoint or a retired session still
 * gets its real answer (the mock then changes nothing either).
 */
const restoreNoop = (): ProxyRule => async (req, forward) => {
  const id = sessionOf(req.path);
  if (req.method !== 'POST' || !id || !req.path.endsWith('/restore') || req.headers['if-match'] !== undefined) return forward(req);
  const probe = await forward({ ...req, headers: { ...req.headers, 'if-match': '"999999"' } });
  if (probe.status !== 412) return probe;
  const requested = jsonOf(req.body)?.checkpointId;
  const checkpointId = typeof requested === 'string' ? requested : '';
  const checkpoint = await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}/checkpoints/${encodeURIComponent(checkpointId)}`));
  const session = await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}`));
  if (checkpoint.status !== 200 || session.status !== 200 || jsonOf(session.body)?.status !== 'active') return forward(req);
  return session;
};

/** Checkpoint reads follow the session's head: the checkpoint's revision and files are the head's. */
const mutableCheckpoint = (): ProxyRule => async (req, forward) => {
  const id = sessionOf(req.path);
  if (req.method !== 'GET' || !id) return forward(req);
  const url = new URL(req.path, 'http://proxy');
  const checkpointId = url.searchParams.get('checkpointId');
  if (url.pathname.includes('/files') && checkpointId !== null && !url.searchParams.has('revision')) {
    // Only this session's checkpoints (another's stays 404): read the head instead.
    const own = await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}/checkpoints/${encodeURIComponent(checkpointId)}`));
    if (own.status !== 200) return forward(req);
    url.searchParams.delete('checkpointId');
    return forward({ ...req, path: `${url.pathname}${url.search}` });
  }
  if (!/\/checkpoints(\/[^/]+)?$/.test(url.pathname)) return forward(req);
  const res = await forward(req);
  const head = jsonOf((await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}`))).body)?.revision;
  const json = jsonOf(res.body);
  if (res.status !== 200 || !json || typeof head !== 'string') return res;
  everyObject(json, (obj) => {
    if (typeof obj.revision === 'string' && obj.sessionId === id) obj.revision = head;
  });
  return withJson(res, json);
};

/**
 * Merges never delete: every deletion a merge applied to the target is written back (as the
 * caller) and left out of `applied`; the response shows the session as it then is.
 */
const mergeKeepsDeletedFiles = (): ProxyRule => async (req, forward) => {
  const m = MERGE.exec(req.path);
  const target = m?.[1] ? decodeURIComponent(m[1]) : undefined;
  if (req.method !== 'POST' || !target) return forward(req);
  const sessionPath = `/v1/sessions/${encodeURIComponent(target)}`;
  const before = jsonOf((await forward(asCaller(req, 'GET', sessionPath))).body)?.revision;
  const res = await forward(req);
  const json = jsonOf(res.body) as { applied?: Array<{ path: string; change: string }> } | undefined;
  const deleted = (json?.applied ?? []).filter((a) => a.change === 'deleted' && a.path !== '/environmentSpec');
  if (res.status !== 200 || !json || typeof before !== 'string' || deleted.length === 0) return res;
  for (const { path } of deleted) {
    const old = await forward(asCaller(req, 'GET', `${sessionPath}/files/${encodeURIComponent(path)}?revision=${encodeURIComponent(before)}`));
    if (old.status === 200) await forward(putBytes(req, target, path, old.body));
  }
  const after = await forward(asCaller(req, 'GET', sessionPath));
  return { ...withJson(res, { ...json, applied: json.applied?.filter((a) => !deleted.includes(a)), session: jsonOf(after.body) }), headers: { ...res.headers, ...(after.headers.etag ? { etag: after.headers.etag } : {}) } };
};

/**
 * A failed merge is not atomic: before answering 409 `merge-conflict` the proxy applies the
 * source's side of the first conflicting path it can to the target (as the caller).
 */
const partlyAppliedConflict = (): ProxyRule => async (req, forward) => {
  const m = MERGE.exec(req.path);
  const res = await forward(req);
  const target = m?.[1] ? decodeURIComponent(m[1]) : undefined;
  const problem = jsonOf(res.body) as { code?: string; conflicts?: Array<{ path: string }> } | undefined;
  const source = jsonOf(req.body)?.sourceSessionId;
  if (req.method !== 'POST' || !target || typeof source !== 'string' || res.status !== 409 || problem?.code !== 'merge-conflict') return res;
  const enc = encodeURIComponent;
  for (const { path } of problem.conflicts ?? []) {
    let applied: ProxyResponse;
    if (path === '/environmentSpec') {
      const spec = await forward(asCaller(req, 'GET', `/v1/sessions/${enc(source)}/environmentSpec`));
      if (spec.status !== 200) continue;
      applied = await forward(asCaller(req, 'PUT', `/v1/sessions/${enc(target)}/environmentSpec`, jsonOf(spec.body)));
    } else {
      const theirs = await forward(asCaller(req, 'GET', `/v1/sessions/${enc(source)}/files/${enc(path)}`));
      applied = theirs.status === 200 ? await forward(putBytes(req, target, path, theirs.body)) : await forward(asCaller(req, 'DELETE', `/v1/sessions/${enc(target)}/files/${enc(path)}`));
    }
    if (applied.status < 300) break;
  }
  return res;
};

/** Paging the session list skips an item: the last item of every page that has a next page. */
const listSkipsAtPageBoundary = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  if (req.method !== 'GET' || new URL(req.path, 'http://proxy').pathname !== '/v1/sessions' || res.status !== 200) return res;
  const json = jsonOf(res.body) as { items?: unknown[]; nextCursor?: string | null } | undefined;
  if (!json?.items || json.nextCursor === null || json.nextCursor === undefined || json.items.length === 0) return res;
  return withJson(res, { ...json, items: json.items.slice(0, -1) });
};

/**
 * Another tenant can read a session: a session read that is 404 for the caller is retried with
 * the other tokens the proxy has seen, and the first 200 is returned.
 */
const tenantLeak = (): ProxyRule => {
  const tokens = new Set<string>();
  return async (req, forward) => {
    if (req.headers.authorization) tokens.add(req.headers.authorization);
    const res = await forward(req);
    if (req.method !== 'GET' || !/^\/v1\/sessions\/[^/]+$/.test(req.path) || res.status !== 404) return res;
    for (const token of tokens) {
      if (token === req.headers.authorization) continue;
      const other = await forward({ ...req, headers: { ...req.headers, authorization: token } });
      if (other.status === 200) return other;
    }
    return res;
  };
};

/** The session detail leaves out a required field (`mergedIntoSessionId` when it is null). */
const offSchemaDetail = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  const json = jsonOf(res.body);
  if (req.method !== 'GET' || !/^\/v1\/sessions\/[^/]+$/.test(req.path) || res.status !== 200 || !json || json.mergedIntoSessionId !== null) return res;
  const { mergedIntoSessionId: _dropped, ...rest } = json;
  return withJson(res, rest);
};

/** A commit does not clear `hasUncommittedChanges`: a session at its committed revision still says true. */
const commitKeepsChanges = (): ProxyRule =>
  rewriteObjects((obj) => {
    if (obj.hasUncommittedChanges === false && typeof obj.committedRevision === 'string') obj.hasUncommittedChanges = true;
  });

/** A tag patch ignores `remove`: only `add` is applied. */
const tagRemoveIgnored = (): ProxyRule => async (req, forward) => {
  const body = jsonOf(req.body) as { add?: unknown[]; remove?: unknown[] } | undefined;
  if (req.method === 'PATCH' && req.path.endsWith('/tags') && body && (body.remove ?? []).length > 0) {
    return forward({ ...req, body: Buffer.from(JSON.stringify({ add: body.add ?? [] })) });
  }
  return forward(req);
};

/** Tags are not deduplicated: adding a tag the session already has lists it twice. */
const tagsNotDeduplicated = (): ProxyRule => {
  const extra = new Map<string, string[]>();
  return async (req, forward) => {
    const id = sessionOf(req.path);
    const body = jsonOf(req.body) as { add?: unknown[] } | undefined;
    if (req.method === 'PATCH' && id && req.path.endsWith('/tags') && body?.add) {
      const before = jsonOf((await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}`))).body)?.tags;
      const res = await forward(req);
      if (res.status === 200 && Array.isArray(before)) extra.set(id, [...(extra.get(id) ?? []), ...body.add.filter((t): t is string => typeof t === 'string' && before.includes(t))]);
      return addDuplicates(res, extra);
    }
    return addDuplicates(await forward(req), extra);
  };
};

function addDuplicates(res: ProxyResponse, extra: ReadonlyMap<string, readonly string[]>): ProxyResponse {
  const json = jsonOf(res.body);
  if (!json || res.status >= 300) return res;
  let changed = false;
  everyObject(json, (obj) => {
    const dups = typeof obj.id === 'string' ? extra.get(obj.id) : undefined;
    if (dups && Array.isArray(obj.tags)) {
      obj.tags = [...(obj.tags as string[]), ...dups.filter((t) => (obj.tags as string[]).includes(t))].sort();
      changed = true;
    }
  });
  return changed ? withJson(res, json) : res;
}

/** `If-Match` is ignored: the proxy drops it from every request, so stale writes go through. */
const staleIfMatchAccepted = (): ProxyRule => (req, forward) => {
  const { 'if-match': _dropped, ...headers } = req.headers;
  return forward({ ...req, headers });
};

/** The broken servers and the invariant each must fail. */
export const BROKEN_SERVERS: readonly BrokenServer[] = [
  { name: 'fork aliasing', does: 'a file write to a fork is also applied to its source', breaks: 'lineage.fork-isolation', rule: forkAliasing },
  { name: 'ETag never moves', does: 'session `ETag` and `version` always `"1"`', breaks: 'etag.version-moves', rule: frozenEtag },
  { name: 'missed merge conflict', does: '`strategy: fail` merges are run as `theirs`', breaks: 'merge.conflicts-exact', rule: missedConflict },
  { name: 'deleted session still readable', does: '`DELETE` answers 204 without deleting', breaks: 'session.delete-final', rule: undeadSession },
  { name: '5xx on a bad input', does: 'every 400 becomes a 500', breaks: 'contract.no-5xx', rule: crashOnBadInput },
  { name: 'restore that does nothing', does: '`restore` answers 200 with the unchanged session', breaks: 'lineage.restore-exact', rule: restoreNoop },
  { name: 'mutable checkpoint', does: "checkpoint reads (`GET /checkpoints/{id}`, files at `checkpointId`) show the session's head", breaks: 'lineage.checkpoint-immutable', rule: mutableCheckpoint },
  { name: 'merge dropping deletions', does: 'files a merge deleted from the target are written back and left out of `applied`', breaks: 'merge.soundness', rule: mergeKeepsDeletedFiles },
  { name: 'partly applied conflict', does: "on 409 `merge-conflict` the source's side of one conflicting path is first written to the target", breaks: 'merge.conflicts-exact', rule: partlyAppliedConflict },
  { name: 'list skipping an item at a page boundary', does: 'the last item of every session-list page that has a next page is dropped', breaks: 'list.complete', rule: listSkipsAtPageBoundary },
  { name: 'tenant leak', does: "a session read that is 404 is retried with other tokens seen (another tenant's included)", breaks: 'auth.tenant-isolation', rule: tenantLeak },
  { name: 'off-schema session detail', does: 'the detail view omits the required `mergedIntoSessionId` when it is null', breaks: 'contract.body-schema', rule: offSchemaDetail },
  { name: 'commit keeps uncommitted changes', does: '`hasUncommittedChanges` stays true at the committed revision', breaks: 'commit.clears-changes', rule: commitKeepsChanges },
  { name: 'tag patch ignores remove', does: 'a tag patch applies `add` and ignores `remove`', breaks: 'tags.set-semantics', rule: tagRemoveIgnored },
  { name: 'tags not deduplicated', does: 'adding a tag the session has lists it twice (the schema\'s `uniqueItems` catches it first)', breaks: 'contract.body-schema', rule: tagsNotDeduplicated },
  { name: 'stale If-Match accepted', does: '`If-Match` is dropped from every request', breaks: 'etag.stale-if-match', rule: staleIfMatchAccepted },
];

/** A transparent proxy (the control: it must pass). */
export const PASS_THROUGH = pass;
