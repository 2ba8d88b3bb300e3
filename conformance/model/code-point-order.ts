/**
 * Code point ordering, the one ordering the rules use for paths, tags and names.
 *
 * JavaScript's `<` on strings compares UTF-16 code units, which puts astral characters (surrogate
 * pairs, 0xD800–0xDFFF) before U+E000–U+FFFF; code point order does not. `localeCompare` depends on
 * the locale. So we walk code points explicitly.
 */

/** Compares two strings by Unicode code point (equivalently: by their UTF-8 bytes). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i += 1) {
    const x = (left[i] ?? '').codePointAt(0) ?? 0;
    const y = (right[i] ?? '').codePointAt(0) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** A sorted copy (code point order); the input is not touched. */
export function sortByCodePoint(values: Iterable<string>): string[] {
  return Array.from(values).sort(compareCodePoints);
}

/** A sorted copy of unique values (code point order). */
export function sortedUnique(values: Iterable<string>): string[] {
  return sortByCodePoint(new Set(values));
}
