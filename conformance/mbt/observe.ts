/**
 * Reading the server's observable state of the run's sessions and comparing it with the model:
 * detail view, ETag, the file list (paged) and, for the step's own sessions, the environment spec.
 */
import type { InvariantId } from '../invariants/catalogue.js';
import type { Exchange } from '../http/exchange.js';
import { sha256Hex, byteSize } from '../model/bytes.js';
import { compareCodePoints } from '../model/code-point-order.js';
import { canonicalJson } from '../model/environment-spec.js';
import { detailView } from '../model/session-state.js';
import { fileListBlame } from './file-list-blame.js';
import { judgeFields, judgeSessionEtag, sessionFieldInvariant } from './judge.js';
import type { SuiteModel, SuiteReal } from './suite-model.js';

/** Which invariant a difference in a session breaks, given how the step relates to it. */
export type BlameFor = (sessionId: string) => InvariantId;

/** Every page of a list, following `nextCursor`; checks no item repeats (by `key`). */
export async function allPages(real: SuiteReal, fetch: (cursor: string | undefined) => Promise<Exchange>, key: (item: unknown) => string, invariant: InvariantId): Promise<{ items: unknown[]; first: Exchange } | null> {
  const sel = real.ctx.selection;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let first: Exchange | undefined;
  for (let page = 0; page < 100; page += 1) {
    const exchange = await fetch(cursor);
    first ??= exchange;
    if (exchange.response.status !== 200) return null;
    const body = exchange.response.json as { items?: unknown[]; nextCursor?: string | null };
    for (const item of body.items ?? []) {
      const k = key(item);
      sel.expect(!seen.has(k), invariant, `${exchange.request.path}: item ${k} listed twice while paging`);
      seen.add(k);
      items.push(item);
    }
    if (body.nextCursor === null || body.nextCursor === undefined) return { items, first };
    cursor = body.nextCursor;
  }
  return sel.violate(invariant, 'paging did not end after 100 pages');
}

/** Compares one session (and its files) with the model. */
export async function observeSession(model: SuiteModel, real: SuiteReal, sessionId: string, blame: InvariantId, withSpec: boolean): Promise<void> {
  const { selection: sel, owner } = real.ctx;
  const state = model.store.sessions.get(sessionId);
  if (!state) return;
  const got = await owner.api.getSession(sessionId);
  if (state.deleted) {
    sel.expect(got.response.status === 404, 'session.delete-final', `GET deleted session ${sessionId}: expected 404, got ${got.response.status}`, 404, got.response.status);
    return;
  }
  sel.expect(got.response.status === 200, blame, `GET session ${sessionId}: expected 200, got ${got.response.status}`, 200, got.response.status);
  const expected: Record<string, unknown> = { ...detailView(state, model.store.graph) };
  judgeFields(sel, `session ${sessionId}`, got.response.json, expected, sessionFieldInvariant(blame));
  judgeSessionEtag(sel, got, state.version);
  const content = model.store.graph.content(state.head);
  let revision: string | undefined;
  const page = async (cursor: string | undefined): Promise<Exchange> => {
    const exchange = await owner.api.listFiles(sessionId, { limit: 2, cursor, revision });
    revision ??= (exchange.response.json as { revision?: string } | undefined)?.revision;
    return exchange;
  };
  const listed = await allPages(real, page, (item) => (item as { path: string }).path, 'list.complete');
  const want = [...content.files.entries()].sort(([a], [b]) => compareCodePoints(a, b)).map(([path, bytes]) => ({ path, size: byteSize(bytes), sha256: sha256Hex(bytes) }));
  if (listed === null || canonicalJson(listed.items) !== canonicalJson(want)) {
    sel.violate(await fileListBlame(real, sessionId, revision, listed?.items, want, blame), `files of session ${sessionId} differ from the model`, want, listed?.items);
  }
  if (withSpec) {
    const spec = await owner.api.getEnvironmentSpec(sessionId);
    const wantSpec = content.environmentSpec;
    const gotSpec = spec.response.status === 200 ? spec.response.json : null;
    sel.expect(canonicalJson(gotSpec) === canonicalJson(wantSpec), blame === 'lineage.fork-isolation' ? blame : 'content.environment-spec', `environment spec of session ${sessionId} differs from the model`, wantSpec, gotSpec);
  }
}

/**
 * Observes every session of the run. `own` are the sessions the step acts on (blamed with
 * `primary`); a difference anywhere else breaks `others(sessionId)` (isolation by default).
 */
export async function observeAll(model: SuiteModel, real: SuiteReal, own: readonly string[], primary: InvariantId, others: BlameFor = () => 'lineage.fork-isolation'): Promise<void> {
  for (const id of model.sessions) {
    const mine = own.includes(id);
    await observeSession(model, real, id, mine ? primary : others(id), mine);
  }
}
