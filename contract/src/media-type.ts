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

/** One media range of an `Accept` header with its weight. */
interface MediaRange {
  readonly range: string;
  readonly q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (range === '') continue;
    const given = params.find((p) => p.startsWith('q='));
    const q = given === undefined ? 1 : Number(given.slice(2));
    // A weight that is not a number from 0 to 1 makes the range unreadable: it is left out.
    if (given !== undefined && (given.length === 2 || !(q >= 0 && q <= 1))) continue;
    ranges.push({ range, q });
  }
  return ranges;
}

/** How well a range names a type: 3 exactly, 2 as `type/*`, 1 as the full wildcard, 0 not at all. */
function specificity(range: string, type: string): number {
  if (range === type) return 3;
  if (range === '*/*') return 1;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1)) ? 2 : 0;
}

/**
 * Picks the one of `offered` an `Accept` header prefers (RFC 9110 §12.5.1): each type takes the q of
 * the most specific range that names it (`type/sub` over `type/*` over the full wildcard), so
 * `application/json;q=0` refuses JSON even beside the full wildcard. The highest q wins, the earlier of
 * `offered` on a tie; `null` when no type has a q above 0. A missing or empty header accepts
 * anything: the first offered.
 */
export function negotiate(accept: string | undefined | null, offered: readonly string[]): string | null {
  if (!accept || accept.trim() === '') return offered[0] ?? null;
  const ranges = parseAccept(accept);
  let best: { type: string; q: number } | null = null;
  for (const type of offered) {
    let q = 0;
    let most = 0;
    for (const range of ranges) {
      const s = specificity(range.range, type);
      if (s > most || (s === most && s > 0 && range.q > q)) {
        most = s;
        q = range.q;
      }
    }
    if (q > 0 && (!best || q > best.q)) best = { type, q };
  }
  return best?.type ?? null;
}
