/**
 * `GET /__admin/ui`: the admin UI's page and scripts. The app stays transport-free: an adapter
 * reads the files (mock/server/ui-assets.ts) and hands them in; without them the route says so.
 */
import { problem } from '../core/http/respond.js';
import type { MockResponse } from '../core/http/messages.js';
import { adminPath, isUiPath } from './admin-path.js';

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
 * A request for one of the UI's static files, which carry no data: they are served without the
 * admin token (the page then sends it on every data read). GET and HEAD only.
 */
export function isAdminUiFile(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && isUiPath(adminPath(url));
}

/** Answers `/__admin/ui` and `/__admin/ui/{name}`, or null for any other path. */
export function handleAdminUi(assets: UiAssets | undefined, method: string, path: string): MockResponse | null {
  if (!isUiPath(path)) return null;
  if (method !== 'GET' && method !== 'HEAD') return problem('method-not-allowed', 'Use GET, HEAD.', { headers: { allow: 'GET, HEAD' } });
  if (assets === undefined) return problem('route-not-found', 'This mock was built without the admin UI files (createMockServer and the CLI load them).');
  const name = path === '/__admin/ui' ? 'index.html' : path.slice('/__admin/ui/'.length);
  const asset = assets.get(name);
  if (asset === undefined) return problem('route-not-found', `The admin UI has no file ${name}.`);
  return { status: 200, headers: { 'content-type': asset.type, 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' }, body: asset.body };
}
