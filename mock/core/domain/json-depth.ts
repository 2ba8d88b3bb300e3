/**
 * How deep client JSON nests. Serialising, copying or substituting JSON recurses, so input nested
 * thousands deep (a few kilobytes of `[[[[`) must be refused by depth before any of that runs.
 */

/** Whether objects and arrays in `value` nest deeper than `limit` levels (`value` itself is level 1). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  // A loop, not recursion: the input may be nested far past the stack.
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    const children: readonly unknown[] = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    for (const child of children) pending.push([child, depth + 1]);
  }
  return false;
}
