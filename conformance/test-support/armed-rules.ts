/**
 * Test-only: proxy rules that break ONE answer (or one kind of answer) in one specific way, for
 * the per-command blame test: a wrong status, one JSON field altered, a reused id, a wrong ETag.
 * A rule is armed only for the step under test, so the steps before it see the real mock.
 */
import { jsonOf, type ProxyMessage, type ProxyResponse, type ProxyRule } from './broken-proxy.js';

/** Which requests a rule corrupts: method, a pattern of the path (query included), and which match. */
export interface Target {
  readonly method: string;
  readonly path: RegExp;
  /** The n-th matching answer (1-based) is corrupted; `every`: all of them. Default 1. */
  readonly nth?: number | 'every';
}

/** How one answer is broken. */
export type Corrupt = (res: ProxyResponse, req: ProxyMessage) => ProxyResponse;

/** A rule that corrupts the targeted answers with `corrupt` and forwards everything else as is. */
export function armed(target: Target, corrupt: Corrupt): ProxyRule {
  let seen = 0;
  return async (req, forward) => {
    const res = await forward(req);
    if (req.method !== target.method || !target.path.test(req.path)) return res;
    seen += 1;
    const nth = target.nth ?? 1;
    return nth === 'every' || nth === seen ? corrupt(res, req) : res;
  };
}

/** Several rules in a row: each sees what the one before answered. */
export function chain(...rules: readonly ProxyRule[]): ProxyRule {
  return rules.reduce<ProxyRule>((inner, outer) => (req, forward) => outer(req, (r) => inner(r, forward)), (req, forward) => forward(req));
}

/** The answer with its JSON body edited in place by `edit`. */
export function json(edit: (body: Record<string, unknown>) => void): Corrupt {
  return (res) => {
    const body = jsonOf(res.body);
    if (!body) return res;
    edit(body);
    return { ...res, body: Buffer.from(JSON.stringify(body)) };
  };
}

/** The answer with one header replaced. */
export function header(name: string, value: string): Corrupt {
  return (res) => ({ ...res, headers: { ...res.headers, [name]: value } });
}

/** A documented problem answer instead of the real one (a wrong status the contract allows). */
export function problem(status: number, code: string): Corrupt {
  return () => {
    const body = { type: `urn:session-api:problem:${code}`, title: code, status, code, detail: 'corrupted by the blame test', ...(status === 400 ? { errors: [{ message: 'corrupted' }] } : {}) };
    return { status, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from(JSON.stringify(body)) };
  };
}

/** A session path (`/v1/sessions/<id>`) followed by `rest`, as a pattern (query allowed). */
export function sessionPath(id: string, rest = ''): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^/v1/sessions/${escape(encodeURIComponent(id))}${escape(rest)}(\\?.*)?$`);
}

/** The items of a list answer edited by `edit` (`items` of the body). */
export function items(edit: (list: Array<Record<string, unknown>>) => void): Corrupt {
  return json((body) => {
    if (Array.isArray(body.items)) edit(body.items as Array<Record<string, unknown>>);
  });
}
