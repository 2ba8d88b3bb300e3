/**
 * How the app tells an admin request, and which admin path it names. The token check, the admin
 * routing and the UI's files all read paths through these, so that no spelling of a path can look
 * like one thing to the check and another to the routes.
 */

/** Whether a request URL, as sent, is for the admin API: `/__admin`, `/__admin/…` or `/__admin?…`. */
export function isAdminUrl(url: string): boolean {
  return url === '/__admin' || url.startsWith('/__admin/') || url.startsWith('/__admin?');
}

/**
 * An admin request's path as the admin routes match it: dot segments resolved (`/__admin/ui/../state`
 * is `/__admin/state`; `%2e%2e` and `\` too, as URL parsing does), one trailing slash dropped.
 */
export function adminPath(url: string): string {
  return new URL(url, 'http://mock.local').pathname.replace(/\/$/, '');
}

/** Whether an admin path (from {@link adminPath}) is the UI's page or one of its files. */
export function isUiPath(path: string): boolean {
  return path === '/__admin/ui' || path.startsWith('/__admin/ui/');
}
