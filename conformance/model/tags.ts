/**
 * Tag rules (SEMANTICS §10): format, the 32-tag limit, and the set arithmetic of `PATCH /tags`.
 */
import { sortedUnique } from './code-point-order.js';

/** The most tags a session may carry. */
export const MAX_TAGS = 32;

/** 1–64 chars of `[a-z0-9._:/-]`, starting with a letter or digit. */
export function isValidTag(tag: string): boolean {
  return /^[a-z0-9][a-z0-9._:/-]{0,63}$/.test(tag);
}

/**
 * Whether a tag list given at creation or fork is acceptable: every tag valid, no duplicates (the
 * schema says `uniqueItems`), at most 32.
 */
export function isValidTagList(tags: readonly string[]): boolean {
  return tags.every(isValidTag) && new Set(tags).size === tags.length && tags.length <= MAX_TAGS;
}

/** What a tag patch asks for. */
export interface TagPatch {
  add?: string[];
  remove?: string[];
}

/**
 * Whether the patch itself is well-formed: at least one of the lists present, every tag valid,
 * each list at most 32 long, and no tag in both lists (the contract refuses that).
 */
export function isValidTagPatch(patch: TagPatch): boolean {
  const add = patch.add ?? [];
  const remove = patch.remove ?? [];
  if (patch.add === undefined && patch.remove === undefined) return false;
  if (add.length > MAX_TAGS || remove.length > MAX_TAGS) return false;
  if (![...add, ...remove].every(isValidTag)) return false;
  return !add.some((tag) => remove.includes(tag));
}

/** (current ∪ add) ∖ remove, sorted and unique. */
export function patchedTags(current: readonly string[], patch: TagPatch): string[] {
  const result = new Set(current);
  for (const tag of patch.add ?? []) result.add(tag);
  for (const tag of patch.remove ?? []) result.delete(tag);
  return sortedUnique(result);
}
