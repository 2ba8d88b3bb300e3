/**
 * A file path as the ONE path segment the contract wants (§2): every `/` percent-encoded too, as
 * `encodeURIComponent` does (`src/app.ts` → `src%2Fapp.ts`). The client applies it to every path
 * parameter, so callers pass plain paths; this is for building URLs by hand.
 */
export function encodeFilePath(path: string): string {
  return encodeURIComponent(path);
}

/**
 * Fills a path template's `{name}` parameters, each as one percent-encoded segment. The text
 * around them is kept as it is, so the `:merge` / `:mergeFrom` colon goes out unencoded (§12:
 * `%3A` is not the same route).
 */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    // Every path parameter of the contract is a string; anything else is the caller's bug, sent visibly.
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/** Anything that carries an ETag: a call result, a response, or the tag itself. */
export type EtagSource = string | { readonly etag: string | null } | Response;

/**
 * The `If-Match` header for a conditional change, from the ETag a previous read or write gave
 * (`params: { header: ifMatch(previous) }`); the server answers `412 precondition-failed` if the
 * resource moved on since. Throws when there is no ETag to send: a silent unconditional write is
 * what the caller wanted to avoid.
 */
export function ifMatch(previous: EtagSource): { 'If-Match': string } {
  const etag = typeof previous === 'string' ? previous : previous instanceof Response ? previous.headers.get('etag') : previous.etag;
  if (!etag) throw new TypeError('ifMatch: the previous response carried no ETag');
  return { 'If-Match': etag };
}

/** Headers with `name` set to `value` unless the caller already set it (any case). */
export function withDefaultHeader(headers: unknown, name: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) headers.forEach((v, k) => { out[k] = v; });
  else if (Array.isArray(headers)) for (const [k, v] of headers as [string, string][]) out[k] = v;
  else if (typeof headers === 'object' && headers !== null) {
    for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== null) out[k] = String(v as string);
  }
  if (!Object.keys(out).some((k) => k.toLowerCase() === name.toLowerCase())) out[name] = value;
  return out;
}
