/** The generator of tag patches: add and remove drawn from the pool, never overlapping. */
import fc from 'fast-check';
import { TagsCommand } from './patch-tags.js';

/** Tag patches on a picked session; a tag never appears in both lists. */
export function PatchTagsCommandArb(session: fc.Arbitrary<number>, tag: fc.Arbitrary<string>): fc.Arbitrary<TagsCommand> {
  return fc.tuple(session, fc.uniqueArray(tag, { maxLength: 2 }), fc.uniqueArray(tag, { maxLength: 2 })).map(([s, add, remove]) => {
    const rest = remove.filter((t) => !add.includes(t));
    return new TagsCommand(s, add, add.length === 0 && rest.length === 0 ? ['draft'] : rest);
  });
}
