/**
 * A fingerprint of the invariant catalogue: its ids and a sha256 over every entry (id, statement,
 * section), so a certificate names the catalogue it was issued under and a later toolkit can tell
 * whether it checks the same rules.
 */
import { createHash } from 'node:crypto';
import { INVARIANTS, type InvariantInfo } from './catalogue.js';

/** The catalogue as a certificate records it. */
export interface CatalogueDigest {
  /** Every invariant id, in catalogue order. */
  readonly ids: readonly string[];
  /** sha256 of the JSON array of `[id, title, section]` entries, in catalogue order. */
  readonly sha256: string;
}

/** The digest of `invariants` (default: this toolkit's catalogue). */
export function catalogueDigest(invariants: readonly InvariantInfo[] = INVARIANTS): CatalogueDigest {
  const text = JSON.stringify(invariants.map((i) => [i.id, i.title, i.section]));
  return { ids: invariants.map((i) => i.id), sha256: createHash('sha256').update(text).digest('hex') };
}

/** How a recorded catalogue compares with another (e.g. the checking toolkit's): one line. */
export function compareCatalogues(recorded: CatalogueDigest, local: CatalogueDigest): { same: boolean; line: string } {
  if (recorded.sha256 === local.sha256) return { same: true, line: `catalogue: sha256 ${local.sha256} (${local.ids.length} invariants, the same as this toolkit's)` };
  const added = local.ids.filter((id) => !recorded.ids.includes(id));
  const removed = recorded.ids.filter((id) => !local.ids.includes(id));
  const what = added.length === 0 && removed.length === 0
    ? 'the same ids, reworded or re-sectioned statements'
    : [added.length > 0 ? `this toolkit adds ${added.join(', ')}` : '', removed.length > 0 ? `it no longer has ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  return { same: false, line: `catalogue: sha256 ${recorded.sha256} — differs from this toolkit's (${local.sha256}): ${what}` };
}
