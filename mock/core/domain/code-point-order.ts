/**
 * Orders strings by Unicode code point, which is also UTF-8 byte order.
 *
 * JavaScript's `<` compares UTF-16 code units, which puts astral characters (stored as surrogate
 * pairs, 0xD800–0xDFFF) before BMP characters such as U+E000–U+FFFF. Every "sorted by path" list in
 * the API must agree with other implementations that sort by bytes, so we compare code points.
 */

const HIGH_SURROGATE_MIN = 0xd800;
const HIGH_SURROGATE_MAX = 0xdbff;
const LOW_SURROGATE_MIN = 0xdc00;
const LOW_SURROGATE_MAX = 0xdfff;

function isHighSurrogate(unit: number): boolean {
  return unit >= HIGH_SURROGATE_MIN && unit <= HIGH_SURROGATE_MAX;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= LOW_SURROGATE_MIN && unit <= LOW_SURROGATE_MAX;
}

/**
 * Compares two strings by Unicode code point order.
 *
 * Lone surrogates (which valid paths never contain) count as code points of their own value, so the
 * order stays total and consistent for any input.
 *
 * @returns a negative number when `a` sorts first, positive when `b` does, 0 when equal.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const shared = Math.min(a.length, b.length);
  let i = 0;
  while (i < shared && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === shared) return a.length - b.length;
  // The first differing unit may be the low half of a pair whose high half both strings share; step
  // back so that we compare whole code points rather than halves.
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1)) && (isLowSurrogate(a.charCodeAt(i)) || isLowSurrogate(b.charCodeAt(i)))) {
    i--;
  }
  // codePointAt is defined here: i < shared <= both lengths.
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

/** Returns a sorted copy of `values` in code point order (the input is not changed). */
export function sortByCodePoints(values: Iterable<string>): string[] {
  return [...values].sort(compareCodePoints);
}
