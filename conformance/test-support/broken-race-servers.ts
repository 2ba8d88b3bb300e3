/**
 * Test-only: servers that are right one request at a time and wrong under concurrency, as proxy
 * rules in front of the mock. Each splits a check from the change it guards (a read, a short
 * await standing for a database round trip, then the change), the way real servers lose updates.
 * Requests sent one at a time never see the gap; requests sent together do. The kill table in
 * `conformance/README.md` lists them; `mbt/race.e2e.test.ts` proves each is caught.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isValidTagPatch } from '../model/tags.js';
import { sortedUnique } from '../model/code-point-order.js';
import { jsonOf, type ProxyMessage, type ProxyResponse, type ProxyRule } from './broken-proxy.js';
import { asCaller, sessionOf, type BrokenServer } from './broken-servers.js';

/** The gap between the check and the change: wide enough that a race always falls into it. */
const GAP_MS = 20;

/** The routes whose session-level `If-Match` guards a change. */
const SESSION_CHANGE = /^\/v1\/sessions\/[^/:?]+(\/tags|\/environmentSpec|\/commit|\/restore|\/generateEnvironmentSpec|:merge|:mergeFrom)?$/;
const FILE = /^\/v1\/sessions\/[^/:?]+\/files\/[^?]+$/;

/** Whether a precondition header holds for the current ETag (`null`: the resource is absent). */
function holds(header: string, etag: string | null): boolean {
  if (header.trim() === '*') return etag !== null;
  return etag !== null && header.split(',').map((t) => t.trim()).includes(etag);
}

/**
 * `If-Match` (session and file) and `If-None-Match: *` are checked with a GET first; when they
 * hold, the change is sent on without them after the gap. A failed check is left to the mock (its
 * 412). Two writes with the same ETag both pass the check and both land: a lost update.
 */
const ifMatchApartFromWrite = (): ProxyRule => async (req, forward) => {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const file = FILE.test(req.path) && (req.method === 'PUT' || req.method === 'DELETE');
  const session = SESSION_CHANGE.test(req.path) && req.method !== 'GET';
  if ((ifMatch === undefined && ifNoneMatch === undefined) || (!file && !session)) return forward(req);
  const current = await forward(asCaller(req, 'GET', file ? req.path : `/v1/sessions/${encodeURIComponent(sessionOf(req.path) ?? '')}`));
  if (current.status !== 200 && !(file && current.status === 404)) return forward(req);
  const etag = current.status === 200 ? (current.headers.etag ?? null) : null;
  const passes = (ifMatch === undefined || holds(ifMatch, etag)) && (ifNoneMatch === undefined || !holds(ifNoneMatch, etag));
  if (!passes) return forward(req);
  await sleep(GAP_MS);
  const { 'if-match': _m, 'if-none-match': _n, ...headers } = req.headers;
  return forward({ ...req, headers });
};

/**
 * `PATCH /tags` as read-modify-write: the session's tags are read, the patch applied to them, and
 * after the gap the result is stored as the new set (sent as "add the set, remove every other tag
 * this session was seen with"). Two patches at once: the later store drops the earlier's change.
 */
const tagsReadModifyWrite = (): ProxyRule => {
  const seen = new Map<string, Set<string>>();
  return async (req, forward) => {
    const id = sessionOf(req.path);
    const patch = jsonOf(req.body) as { add?: string[]; remove?: string[] } | undefined;
    const plain = patch !== undefined && Object.keys(patch).every((k) => k === 'add' || k === 'remove') && isValidTagPatch(patch);
    if (req.method !== 'PATCH' || !/\/tags$/.test(req.path) || id === undefined || !plain) return forward(req);
    const got = await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}`));
    if (got.status !== 200) return forward(req);
    const read = (jsonOf(got.body)?.tags as string[] | undefined) ?? [];
    const known = seen.get(id) ?? new Set<string>();
    seen.set(id, known);
    for (const tag of [...read, ...(patch.add ?? []), ...(patch.remove ?? [])]) known.add(tag);
    const wanted = sortedUnique([...read, ...(patch.add ?? [])]).filter((t) => !(patch.remove ?? []).includes(t));
    await sleep(GAP_MS);
    const replacement = { add: wanted, remove: [...known].filter((t) => !wanted.includes(t)) };
    return forward({ ...req, body: Buffer.from(JSON.stringify(replacement)) });
  };
};

/**
 * `Idempotency-Key` handled in front of the action: the key is looked up, and on a miss the
 * request runs after the gap and its answer is remembered. A retry sent while the first attempt
 * runs misses too and acts a second time. (Each attempt reaches the mock under a key of its own,
 * so a later reuse with another body still gets the mock's 422.)
 */
const idempotencyCheckThenAct = (): ProxyRule => {
  const seen = new Map<string, { fingerprint: string; upstreamKey: string; response: ProxyResponse }>();
  let attempts = 0;
  return async (req, forward) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined) return forward(req);
    const scope = `${req.headers.authorization ?? ''} ${key}`;
    const fingerprint = `${req.method} ${req.path} ${req.body.toString('base64')}`;
    const known = seen.get(scope);
    if (known) return known.fingerprint === fingerprint ? known.response : forward(withKey(req, known.upstreamKey));
    await sleep(GAP_MS);
    attempts += 1;
    const upstreamKey = `${key}.${attempts}`;
    const response = await forward(withKey(req, upstreamKey));
    if (response.status < 500) seen.set(scope, { fingerprint, upstreamKey, response });
    return response;
  };
};

/**
 * A commit works on the head it read first: the session is read, and after the gap the commit is
 * made for that head (as `expectedRevision`). A write that lands in the gap makes a commit the
 * client never conditioned fail with `409 revision-mismatch`.
 */
const commitOnHeadReadEarlier = (): ProxyRule => async (req, forward) => {
  const id = sessionOf(req.path);
  const body = jsonOf(req.body);
  if (req.method !== 'POST' || !/\/commit$/.test(req.path) || id === undefined || body === undefined || 'expectedRevision' in body) return forward(req);
  const got = await forward(asCaller(req, 'GET', `/v1/sessions/${encodeURIComponent(id)}`));
  const head = jsonOf(got.body)?.revision;
  if (got.status !== 200 || typeof head !== 'string') return forward(req);
  await sleep(GAP_MS);
  return forward({ ...req, body: Buffer.from(JSON.stringify({ ...body, expectedRevision: head })) });
};

function withKey(req: ProxyMessage, key: string): ProxyMessage {
  return { ...req, headers: { ...req.headers, 'idempotency-key': key } };
}

/** The race breakers; each must fail `concurrency.linearizable`. */
export const BROKEN_RACE_SERVERS: readonly BrokenServer[] = [
  { name: 'If-Match checked apart from the write', does: '`If-Match` / `If-None-Match: *` checked with a GET, then the change sent without them after a gap (lost update)', breaks: 'concurrency.linearizable', rule: ifMatchApartFromWrite },
  { name: 'tag patch as read-modify-write', does: '`PATCH /tags` reads the tags, applies the patch, and after a gap stores the result as the new set', breaks: 'concurrency.linearizable', rule: tagsReadModifyWrite },
  { name: 'commit on a head read earlier', does: 'a commit reads the head, and after a gap commits that head (as `expectedRevision`): a write landing in the gap makes it `409 revision-mismatch`', breaks: 'concurrency.linearizable', rule: commitOnHeadReadEarlier },
  { name: 'Idempotency-Key checked apart from the action', does: 'the key is looked up in front of the server; on a miss the request runs after a gap and its answer is remembered', breaks: 'concurrency.linearizable', rule: idempotencyCheckThenAct },
];
