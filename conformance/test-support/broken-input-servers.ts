/**
 * Test-only: broken servers for the wider inputs (issue 11): odd file paths, empty and binary
 * bodies, large files, and lists that cross pages, are filtered by prefix or are ordered. Same
 * shape as `broken-servers.ts` (proxy rules in front of the mock); the kill table in
 * `conformance/README.md` lists them and `mbt/broken-input-servers.e2e.test.ts` proves each one
 * is caught with the invariant it breaks.
 */
import { jsonOf, type ProxyMessage, type ProxyResponse, type ProxyRule } from './broken-proxy.js';
import type { BrokenServer } from './broken-servers.js';

/** A file route: the session part, the percent-encoded file path, the query. */
const FILE_ROUTE = /^(\/v1\/sessions\/[^/?]+\/files\/)([^?]+)(\?.*)?$/;

/** The request with its file path (decoded) rewritten by `edit`; other requests unchanged. */
function withFilePath(req: ProxyMessage, edit: (path: string) => string): ProxyMessage {
  const m = FILE_ROUTE.exec(req.path);
  if (!m?.[1] || !m[2]) return req;
  let path: string;
  try {
    path = decodeURIComponent(m[2]);
  } catch {
    return req;
  }
  return { ...req, path: `${m[1]}${encodeURIComponent(edit(path))}${m[3] ?? ''}` };
}

/** A 400 `validation-failed` problem as the mock words it. */
function badRequest(detail: string): ProxyResponse {
  const problem = { type: 'urn:session-api:problem:validation-failed', title: 'Request is invalid', status: 400, detail, code: 'validation-failed', errors: [{ pointer: '', message: 'a request body is required' }] };
  return { status: 400, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from(JSON.stringify(problem)) };
}

/** Whether the request is a list of `what` (`/files`, `/checkpoints`, `/commits`) of one session. */
function isList(req: ProxyMessage, what: string): boolean {
  return req.method === 'GET' && new RegExp(`^/v1/sessions/[^/?]+/${what}$`).test(new URL(req.path, 'http://proxy').pathname);
}

/** Rewrites the items of successful list pages. */
function rewritePages(what: string, edit: (page: { items: unknown[]; nextCursor?: string | null }) => unknown[]): ProxyRule {
  return async (req, forward) => {
    const res = await forward(req);
    if (!isList(req, what) || res.status !== 200) return res;
    const json = jsonOf(res.body) as { items?: unknown[]; nextCursor?: string | null } | undefined;
    if (!json?.items) return res;
    return { ...res, body: Buffer.from(JSON.stringify({ ...json, items: edit({ ...json, items: json.items }) })) };
  };
}

/** The last item of a page that has a next page is dropped (an off-by-one in keyset paging). */
const dropLastOfFullPage = (page: { items: unknown[]; nextCursor?: string | null }): unknown[] =>
  page.nextCursor === null || page.nextCursor === undefined ? page.items : page.items.slice(0, -1);

/** Each file-list page sorted by UTF-16 code units (JavaScript's and Java's default string order), not code points. */
const utf16Order = (page: { items: unknown[] }): unknown[] => [...page.items].sort((x, y) => {
  const [a, b] = [(x as { path: string }).path, (y as { path: string }).path];
  return a < b ? -1 : a > b ? 1 : 0;
});

/**
 * `+` in the path of a file write becomes a space: the write handler form-decodes its path
 * (`application/x-www-form-urlencoded` style); reads take the path as sent.
 */
const plusAsSpace = (): ProxyRule => (req, forward) => forward(req.method === 'PUT' || req.method === 'DELETE' ? withFilePath(req, (path) => path.replace(/\+/g, ' ')) : req);

/** Non-ASCII file paths are stored in Unicode NFD (as some file systems do), in URLs and create bodies alike. */
const nfdPaths = (): ProxyRule => (req, forward) => {
  const renamed = withFilePath(req, (path) => path.normalize('NFD'));
  const body = req.method === 'POST' && req.path === '/v1/sessions' ? (jsonOf(req.body) as { files?: Array<{ path?: unknown }> } | undefined) : undefined;
  if (!body?.files) return forward(renamed);
  for (const file of body.files) if (typeof file.path === 'string') file.path = file.path.normalize('NFD');
  return forward({ ...renamed, body: Buffer.from(JSON.stringify(body)) });
};

/** A file PUT with an empty body is refused as a missing body (400), as the contract once read. */
const emptyBodyRefused = (): ProxyRule => (req, forward) =>
  req.method === 'PUT' && FILE_ROUTE.test(req.path) && req.body.length === 0 ? Promise.resolve(badRequest('This operation needs a request body.')) : forward(req);

/** File bodies pass through a text pipeline: decoded as UTF-8 (bad bytes become U+FFFD) and re-encoded. */
const textPipeline = (): ProxyRule => (req, forward) =>
  forward(req.method === 'PUT' && FILE_ROUTE.test(req.path) ? { ...req, body: Buffer.from(req.body.toString('utf8'), 'utf8') } : req);

/** The size a truncating server keeps of a file (a fixed buffer). */
const TRUNCATE_AT = 256 * 1024;

/** File bodies over 256 KiB are cut to 256 KiB (a fixed-size buffer), and the write still succeeds. */
const truncatesLargeFiles = (): ProxyRule => (req, forward) =>
  forward(req.method === 'PUT' && FILE_ROUTE.test(req.path) && req.body.length > TRUNCATE_AT ? { ...req, body: req.body.subarray(0, TRUNCATE_AT) } : req);

/** `prefix` is taken as a directory: `prefix=c` lists only paths under `c/` (not `c.txt`, not `c` itself). */
const prefixAsDirectory = (): ProxyRule => (req, forward) => {
  if (!isList(req, 'files')) return forward(req);
  const url = new URL(req.path, 'http://proxy');
  const prefix = url.searchParams.get('prefix');
  if (prefix === null || prefix === '' || prefix.endsWith('/')) return forward(req);
  url.searchParams.set('prefix', `${prefix}/`);
  return forward({ ...req, path: `${url.pathname}${url.search}` });
};

/** The broken servers of the wider inputs and the invariant each must fail. */
export const BROKEN_INPUT_SERVERS: readonly BrokenServer[] = [
  { name: '`+` in a path read as a space', does: 'file writes (PUT, DELETE) form-decode their path: `a+b` is stored as `a b`', breaks: 'content.read-your-writes', rule: plusAsSpace },
  { name: 'paths normalised to NFD', does: 'non-ASCII file paths (URL and create body) are stored in Unicode NFD', breaks: 'content.read-your-writes', rule: nfdPaths },
  { name: 'empty file refused', does: 'a file PUT with no body or `Content-Length: 0` is 400 `validation-failed`', breaks: 'content.read-your-writes', rule: emptyBodyRefused },
  { name: 'text pipeline', does: 'file bodies are decoded as UTF-8 and re-encoded: bytes that are not UTF-8 become U+FFFD', breaks: 'content.read-your-writes', rule: textPipeline },
  { name: 'large files truncated', does: 'file bodies over 256 KiB are cut to 256 KiB; the write answers as if whole', breaks: 'content.read-your-writes', rule: truncatesLargeFiles },
  { name: 'file list skipping an item at a page boundary', does: 'the last item of every file-list page that has a next page is dropped', breaks: 'list.complete', rule: () => rewritePages('files', dropLastOfFullPage) },
  { name: 'checkpoint list skipping an item at a page boundary', does: 'the last item of every checkpoint-list page that has a next page is dropped', breaks: 'list.complete', rule: () => rewritePages('checkpoints', dropLastOfFullPage) },
  { name: 'commits listed oldest first', does: 'each commit-list page is in creation order, not newest first', breaks: 'list.complete', rule: () => rewritePages('commits', (page) => [...page.items].reverse()) },
  { name: 'files sorted by UTF-16 units', does: 'each file-list page is sorted by UTF-16 code units: `🎉.txt` before `ｱ.txt`', breaks: 'list.complete', rule: () => rewritePages('files', utf16Order) },
  { name: 'prefix read as a directory', does: '`prefix=c` lists only paths under `c/`', breaks: 'list.complete', rule: prefixAsDirectory },
];
