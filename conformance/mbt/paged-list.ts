/**
 * Paging through a list the way a client does and comparing it with the model's list: every
 * item once, none missing, none extra, in the contract's order. The list steps (files under a
 * prefix, checkpoints, commits) share it.
 */
import type { Exchange } from '../http/exchange.js';
import type { InvariantId } from '../invariants/catalogue.js';
import { canonicalJson } from '../model/environment-spec.js';
import { allPages } from './observe.js';
import type { SuiteReal } from './suite-model.js';

/** What a listing step compares: the items' keys in order, and each item's fields. */
export interface ListExpectation<T extends object> {
  /** The model's items, in the order the contract lists them. */
  readonly want: readonly T[];
  /** The key that identifies an item (path, id). */
  readonly key: (item: unknown) => string;
  /** Fields the server adds that the model does not predict (`createdAt`). */
  readonly ignore?: readonly string[];
  /** The id missing, extra or misordered items break when a filter is the list's own rule (default `list.complete`). */
  readonly listInvariant?: InvariantId;
}

/**
 * Pages with `fetch` and checks the listing against the model: repeats, missing or extra items
 * and the order break `list.complete`; an item whose fields differ breaks `fieldInvariant`.
 * Returns the listed items (null when a page was not 200, which is a `list.complete` violation).
 */
export async function checkPagedList<T extends object>(real: SuiteReal, where: string, fetch: (cursor: string | undefined) => Promise<Exchange>, expectation: ListExpectation<T>, fieldInvariant: InvariantId): Promise<unknown[]> {
  const sel = real.ctx.selection;
  const { want, key } = expectation;
  const pages = await allPages(real, fetch, key, 'list.complete');
  sel.expect(pages !== null, 'list.complete', `${where}: a page was not 200`);
  const items = pages?.items ?? [];
  const got = items.map(key);
  const wanted = want.map(key);
  const missing = wanted.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !wanted.includes(k));
  const listInvariant = expectation.listInvariant ?? 'list.complete';
  sel.expect(missing.length === 0 && extra.length === 0, listInvariant, `${where}: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${extra.length} not expected (${extra.slice(0, 3).join(', ')})`, wanted, got);
  sel.expect(canonicalJson(got) === canonicalJson(wanted), listInvariant, `${where}: items are not in the documented order`, wanted, got);
  const ignore = new Set(expectation.ignore ?? []);
  items.forEach((item, i) => {
    const shown = Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([field]) => !ignore.has(field)));
    sel.expect(canonicalJson(shown) === canonicalJson(want[i]), fieldInvariant, `${where}: item ${got[i] ?? i} differs from the model`, want[i], shown);
  });
  return items;
}
