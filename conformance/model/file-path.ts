/**
 * File path rules (SEMANTICS §3, domain-rules "Paths"): validity and file/directory collisions.
 */

/** Whether the string has no lone surrogate (i.e. is valid Unicode and so encodes to UTF-8). */
function isWellFormedUnicode(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1; // the pair is fine; skip its low half
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Why a path is invalid, or `null` when it is a valid relative POSIX file path. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return 'path is empty';
  if (!isWellFormedUnicode(path)) return 'path is not valid Unicode';
  if (path.includes('\u0000')) return 'path contains NUL';
  if (path.includes('\\')) return 'path contains a backslash';
  if (path.startsWith('/')) return 'path starts with "/"';
  if (path.endsWith('/')) return 'path ends with "/"';
  if (Buffer.byteLength(path, 'utf8') > 1024) return 'path is longer than 1024 bytes';
  for (const segment of path.split('/')) {
    if (segment === '') return 'path has an empty segment';
    if (segment === '.' || segment === '..') return 'path has a "." or ".." segment';
  }
  return null;
}

/** Whether one of the two paths is a directory prefix of the other (`a` and `a/b`). */
export function collides(p: string, q: string): boolean {
  return q.startsWith(`${p}/`) || p.startsWith(`${q}/`);
}

/** Whether writing `path` next to the existing `paths` would make a file/directory collision. */
export function collidesWithAny(path: string, paths: Iterable<string>): boolean {
  for (const other of paths) {
    if (other !== path && collides(path, other)) return true;
  }
  return false;
}

/**
 * Every collision pair [p, q] (q starts with p + "/") among the paths. Quadratic on purpose: the
 * model favours obviousness over speed.
 */
export function collisionPairs(paths: Iterable<string>): Array<[string, string]> {
  const all = Array.from(paths);
  const pairs: Array<[string, string]> = [];
  for (const p of all) {
    for (const q of all) {
      if (q.startsWith(`${p}/`)) pairs.push([p, q]);
    }
  }
  return pairs;
}
