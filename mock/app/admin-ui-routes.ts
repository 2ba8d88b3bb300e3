/**
 * `GET /__admin/ui`: the admin UI's page and scripts. The app stays transport-free: an adapter
 * reads the files (mock/server/ui-assets.ts) and hands them in; without them the route says so.
 */
import { problem } from '../core/http/respond.js';
import type { MockResponse } from '../core/http/messages.js';

/** One file of the UI. */
export interface UiAsset {
  readonly type: string;
  readonly body: string | Uint8Array;
}

/** The UI's files by name (`index.html`, `app.js`, …); `index.html` answers `/__admin/ui` itself. */
export type UiAssets = ReadonlyMap<string, UiAsset>;

/**
 * Only this origin's scripts, styles and API: the page needs no network beyond the mock, and an
 * injected string in a session title cannot run as script.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * An admin request's path as the admin routes match it: dot segments resolved (`/__admin/ui/../state`
 * is `/__admin/state`), one trailing slash dropped. The token check and the routing both use it, so
 * a path cannot look like a UI file to the one and like a data route to the other.
 */
export function adminPath(url: string): string {
  return new URL(url, 'http://mock.local').pathname.replace(/\/$/, '');
}

/**
 * A request for one of the UI's static files, which carry no data: they are served without the
 * admin token (the page then sends it on every data read). GET and HEAD only.
 */
export function isAdminUiFile(method: string, url: string): boolean {
  const path = adminPath(url);
  return (method === 'GET' || method === 'HEAD') && (path === '/__admin/ui' || path.startsWith('/__admin/ui/'));
}

/** Answers `/__admin/ui` and `/__admin/ui/{name}`, or null for any other path. */
export function handleAdminUi(assets: UiAssets | undefined, method: string, path: string): MockResponse | null {
  if (path !== '/__admin/ui' && !path.startsWith('/__admin/ui/')) return null;
  if (method !== 'GET' && method !== 'HEAD') return problem('method-not-allowed', 'Use GET, HEAD.', { headers: { allow: 'GET, HEAD' } });
  if (assets === undefined) return problem('route-not-found', 'This mock was built without the admin UI files (createMockServer and the CLI load them).');
  const name = path === '/__admin/ui' ? 'index.html' : path.slice('/__admin/ui/'.length);
  const asset = assets.get(name);
  if (asset === undefined) return problem('route-not-found', `The admin UI has no file ${name}.`);
  return { status: 200, headers: { 'content-type': asset.type, 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' }, body: asset.body };
}
