/**
 * Test-only: broken servers for the optional surfaces (contract README §13), each breaking one
 * rule of annotations, approvals, the cache or events, as proxy rules in front of the mock.
 */
import { jsonOf, type ProxyMessage, type ProxyResponse, type ProxyRule } from './broken-proxy.js';
import type { BrokenServer } from './broken-servers.js';

const ANNOTATIONS = /^\/v1\/sessions\/[^/]+\/annotations(\?|$)/;
const ANNOTATION = /^\/v1\/sessions\/[^/]+\/annotations\/[^/?]+$/;
const EVENTS = /^\/v1\/sessions\/[^/]+\/events(\?|$)/;

/** The response with a new JSON body. */
function withJson(res: ProxyResponse, json: unknown): ProxyResponse {
  return { ...res, body: Buffer.from(JSON.stringify(json)) };
}

/** Rewrites the items of JSON list pages (and single objects) that match `path`. */
function rewriteItems(path: RegExp, edit: (items: Array<Record<string, unknown>>, req: ProxyMessage) => Array<Record<string, unknown>>): ProxyRule {
  return async (req, forward) => {
    const res = await forward(req);
    const json = jsonOf(res.body);
    if (req.method !== 'GET' || !path.test(req.path) || res.status !== 200 || !json || !Array.isArray(json.items)) return res;
    return withJson(res, { ...json, items: edit(json.items as Array<Record<string, unknown>>, req) });
  };
}

/** An annotation given a past `revision` is pinned to the head anyway (the field is dropped). */
const annotationIgnoresRevision = (): ProxyRule => (req, forward) => {
  const body = jsonOf(req.body);
  if (req.method !== 'POST' || !ANNOTATIONS.test(req.path) || !body || body.revision === undefined) return forward(req);
  const { revision: _dropped, ...rest } = body;
  return forward({ ...req, body: Buffer.from(JSON.stringify(rest)) });
};

/** The annotation list ignores its `status` filter. */
const annotationFilterIgnored = (): ProxyRule => (req, forward) => {
  if (req.method !== 'GET' || !ANNOTATIONS.test(req.path) || !req.path.includes('status=')) return forward(req);
  return forward({ ...req, path: req.path.replace(/([?&])status=[^&]*&?/, '$1').replace(/[?&]$/, '') });
};

/** A refused annotation change (403) is made anyway, as the session's owner would. */
const anyoneEditsAnnotations = (ownerToken: string): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  if ((req.method !== 'PATCH' && req.method !== 'DELETE') || !ANNOTATION.test(req.path) || res.status !== 403) return res;
  return forward({ ...req, headers: { ...req.headers, authorization: `Bearer ${ownerToken}` } });
};

/** Approvals never go stale. */
const approvalsNeverStale = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  if (!/\/approvals/.test(req.path) || res.status >= 300) return res;
  const json = jsonOf(res.body);
  if (!json) return res;
  const fresh = (a: Record<string, unknown>): Record<string, unknown> => ({ ...a, stale: false });
  return withJson(res, Array.isArray(json.items) ? { ...json, items: (json.items as Array<Record<string, unknown>>).map(fresh) } : fresh(json));
};

/** No approval gate: a commit refused with `approval-required` is approved by the caller and sent again. */
const noApprovalGate = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  const m = /^\/v1\/sessions\/([^/]+)\/commit$/.exec(req.path);
  if (req.method !== 'POST' || !m?.[1] || res.status !== 409 || jsonOf(res.body)?.code !== 'approval-required') return res;
  const approve: ProxyMessage = { method: 'POST', path: `/v1/sessions/${m[1]}/approvals`, headers: { ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ decision: 'approved' })) };
  await forward(approve);
  return forward(req);
};

/** Cache entries never expire: the TTL is dropped on the way in and put back on the way out. */
const cacheNeverExpires = (): ProxyRule => async (req, forward) => {
  const body = jsonOf(req.body);
  if (req.method !== 'PUT' || !/\/cache\//.test(req.path) || !body || typeof body.ttlSeconds !== 'number') return forward(req);
  const ttl = body.ttlSeconds;
  const res = await forward({ ...req, body: Buffer.from(JSON.stringify({ value: body.value })) });
  const json = jsonOf(res.body);
  if (res.status >= 300 || !json) return res;
  return withJson(res, { ...json, ttlSeconds: ttl, expiresAt: new Date(Date.parse(String(json.updatedAt)) + ttl * 1000).toISOString() });
};

/** A cache read answers the value as a JSON string. */
const cacheValueStringified = (): ProxyRule => async (req, forward) => {
  const res = await forward(req);
  const json = jsonOf(res.body);
  if (req.method !== 'GET' || !/\/cache\/[^/?]+$/.test(req.path) || res.status !== 200 || !json || typeof json.value === 'string') return res;
  return withJson(res, { ...json, value: JSON.stringify(json.value) });
};

/** `file.deleted` events are missing from the JSON pages. */
const fileDeleteEventsDropped = (): ProxyRule => rewriteItems(EVENTS, (items) => items.filter((e) => e.type !== 'file.deleted'));

/** A tags event names the session's owner as its actor, whoever sent the change. */
const eventActorIsOwner = (ownerId: string): ProxyRule => rewriteItems(EVENTS, (items) => items.map((e) => (e.type === 'tags.changed' ? { ...e, actorId: ownerId === e.actorId ? 'usr_someone_else' : ownerId } : e)));

/** `after` is inclusive: a page repeats the event it was asked to start after. */
const inclusiveAfter = (): ProxyRule => async (req, forward) => {
  const after = /[?&]after=([^&]+)/.exec(req.path)?.[1];
  const res = await forward(req);
  if (req.method !== 'GET' || !EVENTS.test(req.path) || after === undefined || res.status !== 200) return res;
  const json = jsonOf(res.body);
  if (!json || !Array.isArray(json.items)) return res;
  const url = new URL(req.path, 'http://proxy.local');
  url.searchParams.delete('after');
  const whole = await forward({ ...req, path: `${url.pathname}${url.search}` });
  const all = (jsonOf(whole.body)?.items ?? []) as Array<Record<string, unknown>>;
  const start = all.find((e) => e.id === decodeURIComponent(after));
  return start ? withJson(res, { ...json, items: [start, ...(json.items as unknown[])] }) : res;
};

/** The event stream ignores `Last-Event-ID` and starts from the first event every time. */
const streamIgnoresLastEventId = (): ProxyRule => (req, forward) => {
  const { 'last-event-id': _dropped, ...headers } = req.headers;
  return forward({ ...req, headers });
};

/** The broken servers of the optional surfaces; the owner's token and id are the demo's `demo-bea`. */
export function surfaceServers(owner: { token: string; principalId: string }): readonly BrokenServer[] {
  return [
    { name: 'annotation pinned to the head', does: 'a `revision` in `POST /annotations` is dropped', breaks: 'review.annotations-exact', rule: annotationIgnoresRevision },
    { name: 'annotation filter ignored', does: 'the `status` filter of the annotation list is dropped', breaks: 'review.annotations-exact', rule: annotationFilterIgnored },
    { name: 'anyone edits annotations', does: "a 403 on an annotation change is sent again with the owner's token", breaks: 'review.annotations-exact', rule: () => anyoneEditsAnnotations(owner.token) },
    { name: 'approvals never stale', does: 'every approval reads `stale: false`', breaks: 'review.approvals-exact', rule: approvalsNeverStale },
    { name: 'no approval gate', does: 'a commit refused with `approval-required` is approved by the caller and sent again', breaks: 'review.approval-gate', rule: noApprovalGate },
    { name: 'cache never expires', does: "a PUT's `ttlSeconds` is dropped, then put back in the answer", breaks: 'cache.ttl', rule: cacheNeverExpires },
    { name: 'cache value stringified', does: 'a cache GET answers the value as a JSON string', breaks: 'cache.round-trip', rule: cacheValueStringified },
    { name: 'file deletes write no event', does: '`file.deleted` events are left out of the JSON pages', breaks: 'events.one-per-change', rule: fileDeleteEventsDropped },
    { name: 'event actor wrong', does: "`tags.changed` events name another principal as the actor", breaks: 'events.one-per-change', rule: () => eventActorIsOwner(owner.principalId) },
    { name: 'inclusive after', does: 'an events page after X starts with X again', breaks: 'events.order', rule: inclusiveAfter },
    { name: 'stream ignores Last-Event-ID', does: '`Last-Event-ID` is dropped from stream requests', breaks: 'events.stream', rule: streamIgnoresLastEventId },
  ];
}
