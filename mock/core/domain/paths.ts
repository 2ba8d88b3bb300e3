/**
 * Workspace path rules (SEMANTICS §3, domain-rules "Paths"). Pure checks: the HTTP layer turns a
 * failure into a 400 carrying `reason`.
 */

/** Longest path accepted, in bytes of UTF-8. */
export const MAX_PATH_BYTES = 1024;

/** The outcome of {@link validatePath}. */
export type PathValidation = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Counts the UTF-8 bytes of a well-formed string without allocating (TextEncoder would copy, and a
 * 1 MiB hostile "path" should be rejected cheaply).
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one 4-byte code point; validation rejects lone halves separately.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** True when `s` has no lone surrogate, i.e. it is valid Unicode and encodes to UTF-8 losslessly. */
export function isWellFormedUnicode(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

const fail = (reason: string): PathValidation => ({ ok: false, reason });

/**
 * Checks a workspace path: relative POSIX, non-empty segments other than `.`/`..`, no NUL, no
 * backslash, no leading or trailing `/`, valid Unicode, at most {@link MAX_PATH_BYTES} bytes.
 * Collisions with other files (`a` vs `a/b`) depend on the tree and are checked elsewhere.
 */
export function validatePath(p: string): PathValidation {
  if (p.length === 0) return fail('path is empty');
  if (!isWellFormedUnicode(p)) return fail('path is not valid Unicode (lone surrogate)');
  const bytes = utf8ByteLength(p);
  if (bytes > MAX_PATH_BYTES) return fail(`path is ${bytes} bytes of UTF-8, more than ${MAX_PATH_BYTES}`);
  if (p.includes('\u0000')) return fail('path contains a NUL character');
  if (p.includes('\\')) return fail('path contains a backslash');
  if (p.startsWith('/')) return fail('path starts with "/"');
  if (p.endsWith('/')) return fail('path ends with "/"');
  for (const segment of p.split('/')) {
    if (segment === '') return fail('path has an empty segment ("//")');
    if (segment === '.' || segment === '..') return fail(`path has a "${segment}" segment`);
  }
  return { ok: true };
}

/** The proper directory prefixes of a path, shortest first: `a/b/c` → `a`, `a/b`. */
export function parentDirectories(p: string): string[] {
  const dirs: string[] = [];
  for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) dirs.push(p.slice(0, i));
  return dirs;
}
