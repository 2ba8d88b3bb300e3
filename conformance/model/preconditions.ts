/**
 * `If-Match` / `If-None-Match` evaluation (RFC 9110 §13.1). The model compares strongly: a weak
 * tag (`W/"…"`) never matches, and a header the model cannot read matches nothing.
 */

/** The entity tags listed in a header value, or `'*'`. Unquoted garbage is dropped. */
function listedTags(header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (const part of header.split(',')) {
    const match = /^"([^"]*)"$/.exec(part.trim());
    if (match?.[1] !== undefined) tags.push(match[1]);
  }
  return tags;
}

/**
 * Whether a session-level `If-Match` lets the change through: absent passes, `*` matches any
 * existing session, otherwise the list must hold `"<version>"`.
 */
export function sessionIfMatchPasses(header: string | undefined, version: number): boolean {
  if (header === undefined) return true;
  const tags = listedTags(header);
  return tags === '*' || tags.includes(String(version));
}

/**
 * Whether a file-level `If-Match` passes: the file's ETag is its quoted sha256; `*` matches an
 * existing file only; with no current file no tag matches.
 */
export function fileIfMatchPasses(header: string | undefined, currentSha256: string | undefined): boolean {
  if (header === undefined) return true;
  if (currentSha256 === undefined) return false;
  const tags = listedTags(header);
  return tags === '*' || tags.includes(currentSha256);
}

/** Whether `If-None-Match: *` (create only) passes: only when the file does not exist yet. */
export function fileIfNoneMatchPasses(header: string | undefined, exists: boolean): boolean {
  if (header === undefined) return true;
  return listedTags(header) === '*' ? !exists : true;
}
