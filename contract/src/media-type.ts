/** `application/json; charset=utf-8` → `application/json` (lower case, parameters dropped). */
export function essence(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const semicolon = contentType.indexOf(';');
  const base = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return base === '' ? null : base;
}

/** Whether a media type is JSON (`application/json` or any `+json` suffix). */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Whether a `Content-Type` value names JSON, parameters aside (`application/json; charset=utf-8`). */
export function isJsonContentType(contentType: string | undefined | null): boolean {
  const type = essence(contentType);
  return type !== null && isJsonMediaType(type);
}

/**
 * Picks the first of `offered` that an `Accept` header allows, honouring `q=0` exclusions and
 * wildcards; `null` when none is acceptable. A missing header accepts anything.
 */
export function negotiate(accept: string | undefined | null, offered: readonly string[]): string | null {
  if (!accept || accept.trim() === '') return offered[0] ?? null;
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return { range, q: q ? Number(q.slice(2)) : 1 };
  });
  let best: { type: string; q: number; specificity: number } | null = null;
  for (const type of offered) {
    const [major] = type.split('/');
    for (const { range, q } of ranges) {
      const specificity = range === type ? 3 : range === `${major}/*` ? 2 : range === '*/*' ? 1 : 0;
      if (specificity === 0 || !(q > 0)) continue;
      if (!best || q > best.q || (q === best.q && specificity > best.specificity)) best = { type, q, specificity };
    }
  }
  return best?.type ?? null;
}
