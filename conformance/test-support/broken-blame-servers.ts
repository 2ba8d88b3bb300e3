/**
 * Test-only: broken servers whose bug used to be reported under another step's generic check
 * (issue 11: "a failure names the rule that broke"). Each must now be caught with the invariant
 * that states the rule, at the step that broke it.
 */
import { jsonOf, type ProxyMessage, type ProxyRule } from './broken-proxy.js';
import type { BrokenServer } from './broken-servers.js';

const enc = encodeURIComponent;

/**
 * `:mergeFrom` merged the other way round: the named source takes the target's work. Only merges
 * that settle conflicts by a strategy are reversed, so the bug shows in what the merge made (a
 * reversed `fail` merge would show first in its conflict list, which names the sides).
 */
const reversedMergeFrom = (): ProxyRule => async (req, forward) => {
  const m = /^\/v1\/sessions\/([^/:?]+):mergeFrom$/.exec(req.path);
  const body = jsonOf(req.body);
  const source = body?.sourceSessionId;
  if (req.method !== 'POST' || !m?.[1] || typeof source !== 'string' || (body?.strategy !== 'ours' && body?.strategy !== 'theirs')) return forward(req);
  const target = decodeURIComponent(m[1]);
  return forward({ ...req, path: `/v1/sessions/${enc(source)}:mergeFrom`, body: Buffer.from(JSON.stringify({ ...body, sourceSessionId: target })) });
};

/** A GET as the caller (same Authorization). */
function get(req: ProxyMessage, path: string): ProxyMessage {
  return { method: 'GET', path, headers: req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }, body: Buffer.alloc(0) };
}

/**
 * Restore as "reset": the checkpoints made after the restored one disappear from the session's
 * checkpoint list and read as 404 (the mock keeps them; the proxy hides them).
 */
const restoreHidesLaterCheckpoints = (): ProxyRule => {
  const hidden = new Set<string>();
  return async (req, forward) => {
    const url = new URL(req.path, 'http://proxy');
    const restore = /^\/v1\/sessions\/([^/]+)\/restore$/.exec(url.pathname);
    if (req.method === 'POST' && restore?.[1]) {
      const res = await forward(req);
      const restored = jsonOf(req.body)?.checkpointId;
      if (res.status !== 200 || typeof restored !== 'string') return res;
      const listed = jsonOf((await forward(get(req, `/v1/sessions/${restore[1]}/checkpoints?limit=200`))).body)?.items;
      const ids = Array.isArray(listed) ? listed.map((c) => (c as { id?: unknown }).id).filter((id): id is string => typeof id === 'string') : [];
      // Newest first: everything listed before the restored checkpoint was made after it.
      for (const id of ids.slice(0, Math.max(0, ids.indexOf(restored)))) hidden.add(id);
      return res;
    }
    const one = /^\/v1\/sessions\/[^/]+\/checkpoints\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one?.[1] && hidden.has(decodeURIComponent(one[1]))) {
      const problem = { type: 'urn:session-api:problem:checkpoint-not-found', title: 'Checkpoint not found', status: 404, code: 'checkpoint-not-found', detail: 'No such checkpoint.' };
      return { status: 404, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from(JSON.stringify(problem)) };
    }
    const res = await forward(req);
    if (req.method !== 'GET' || !/^\/v1\/sessions\/[^/]+\/checkpoints$/.test(url.pathname) || res.status !== 200) return res;
    const json = jsonOf(res.body) as { items?: Array<{ id?: string }> } | undefined;
    if (!json?.items) return res;
    return { ...res, body: Buffer.from(JSON.stringify({ ...json, items: json.items.filter((c) => !hidden.has(c.id ?? '')) })) };
  };
};

/** Broken servers blamed on the rule they break, not on a later step's generic check. */
export const BLAME_SERVERS: readonly BrokenServer[] = [
  { name: 'reversed mergeFrom', does: '`:mergeFrom` with `ours`/`theirs` merges the target into the source instead', breaks: 'merge.soundness', rule: reversedMergeFrom },
  { name: 'restore hides later checkpoints', does: 'after a restore, the checkpoints made after the restored one are gone from the list and 404', breaks: 'lineage.restore-exact', rule: restoreHidesLaterCheckpoints },
];
