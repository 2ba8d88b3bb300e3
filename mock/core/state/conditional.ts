/** Parses an `If-Match` / `If-None-Match` list: `*`, or the entity tags it names. */
export function parseEntityTags(header: string): { readonly any: boolean; readonly strong: readonly string[]; readonly weak: readonly string[] } {
  const trimmed = header.trim();
  if (trimmed === '*') return { any: true, strong: [], weak: [] };
  const strong: string[] = [];
  const weak: string[] = [];
  for (const match of trimmed.matchAll(/(W\/)?"([^"]*)"/g)) (match[1] ? weak : strong).push(match[2] ?? '');
  return { any: false, strong, weak };
}

/**
 * RFC 9110 §13.1.1: `If-Match` uses the strong comparison, so a weak tag never matches.
 * `current` is the opaque tag without quotes, or `null` when the resource does not exist.
 */
export function ifMatchPasses(header: string | undefined, current: string | null): boolean {
  if (header === undefined) return true;
  const tags = parseEntityTags(header);
  if (current === null) return false;
  return tags.any || tags.strong.includes(current);
}

/** RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison; true means "answer 304" for reads. */
export function ifNoneMatchHits(header: string | undefined, current: string | null): boolean {
  if (header === undefined || current === null) return false;
  const tags = parseEntityTags(header);
  return tags.any || tags.strong.includes(current) || tags.weak.includes(current);
}

/** A strong entity tag header value for an opaque tag. */
export function etag(value: string | number): string {
  return `"${String(value)}"`;
}
