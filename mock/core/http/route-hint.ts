/**
 * The `detail` of a `404 route-not-found`. A path with raw slashes under `/files/` is the first
 * mistake every new client makes (`PUT …/files/src/app.ts`): the file path is ONE percent-encoded
 * segment (contract §2), so the detail names the URL that would have matched.
 */
export function routeNotFoundDetail(method: string, pathname: string): string {
  const base = `No route ${method} ${pathname}.`;
  const file = /^(\/v1\/sessions\/[^/]+\/files\/)(.+\/.*)$/.exec(pathname);
  if (!file) return base;
  const [, prefix = '', filePath = ''] = file;
  // Keep each segment as the client sent it (it may be percent-encoded already); only the slashes between them change.
  const segment = filePath.split('/').join('%2F');
  return `${base} File paths are one percent-encoded segment: use ${segment} (${method} ${prefix}${segment}).`;
}
