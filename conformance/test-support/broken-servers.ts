/**
 * Test-only: deliberately broken servers, each breaking one rule, as proxy rules in front of the
 * mock. The kill table in `conformance/README.md` lists them with the invariant that catches each.
 */
import { jsonOf, type ProxyRule } from './broken-proxy.js';

/** A broken server: its rule and the invariant the suite must report. */
export interface BrokenServer {
  readonly name: string;
  readonly breaks: string;
  readonly rule: () => ProxyRule;
}

const pass: ProxyRule = (req, forward) => forward(req);

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
  if (req.method === 'POST' && /:merge(From)?$/.test(req.path)) {
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

/** The broken servers and the invariant each must fail. */
export const BROKEN_SERVERS: readonly BrokenServer[] = [
  { name: 'fork aliasing', breaks: 'lineage.fork-isolation', rule: forkAliasing },
  { name: 'ETag never moves', breaks: 'etag.version-moves', rule: frozenEtag },
  { name: 'missed merge conflict', breaks: 'merge.conflicts-exact', rule: missedConflict },
  { name: 'deleted session still readable', breaks: 'session.delete-final', rule: undeadSession },
  { name: '5xx on a bad input', breaks: 'contract.no-5xx', rule: crashOnBadInput },
];

/** A transparent proxy (the control: it must pass). */
export const PASS_THROUGH = pass;
