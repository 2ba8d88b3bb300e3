/**
 * Reading the server's observable state of the run's sessions and comparing it with the model:
 * detail view, ETag, the file list (paged) and, for the step's own sessions, the environment spec.
 *
 * Lean observation (why: over a network every request costs milliseconds). After a step the
 * sessions it acted on are read deeply; every other session of the run is compared through one
 * filtered list call, whose summaries carry `version`, `revision`, `status`, tags and
 * `hasUncommittedChanges`. Only a session whose summary disagrees with the model is then read
 * deeply, and blamed as before. What a server could hide from this between steps is a change to
 * an unaddressed session that moves none of those fields (files or spec rewritten under the same
 * revision and version): the end-of-run sweep ({@link sweepAll}) reads every session deeply.
 */
import type { InvariantId } from '../invariants/catalogue.js';
import type { Exchange } from '../http/exchange.js';
import { sha256Hex, byteSize } from '../model/bytes.js';
import { compareCodePoints } from '../model/code-point-order.js';
import { canonicalJson } from '../model/environment-spec.js';
import { visibleSessions } from '../model/ops-sessions.js';
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

/**
 * How deep a read goes: after a `step` the files and spec of a head already read are not read
 * again (one page of 200 files); the `sweep` reads everything, paging the files two at a time.
 */
export type ReadMode = 'step' | 'sweep';

/** Compares one session (and its files) with the model. */
export async function observeSession(model: SuiteModel, real: SuiteReal, sessionId: string, blame: InvariantId, withSpec: boolean, mode: ReadMode = 'step'): Promise<void> {
  const { selection: sel, owner } = real.ctx;
  const state = model.store.sessions.get(sessionId);
  if (!state) return;
  const got = await owner.api.getSession(sessionId);
  if (state.deleted) {
    sel.expect(got.response.status === 404, 'session.delete-final', `GET deleted session ${sessionId}: expected 404, got ${got.response.status}`, 404, got.response.status);
    model.verified.details.set(sessionId, DELETED);
    return;
  }
  sel.expect(got.response.status === 200, blame, `GET session ${sessionId}: expected 200, got ${got.response.status}`, 200, got.response.status);
  const expected: Record<string, unknown> = { ...detailView(state, model.store.graph) };
  judgeFields(sel, `session ${sessionId}`, got.response.json, expected, sessionFieldInvariant(blame));
  judgeSessionEtag(sel, got, state.version);
  model.verified.details.set(sessionId, state.version);
  // A revision names its content: once this head's files and spec were read and matched, reading
  // them again after a step that left the head where it was sees nothing new (the sweep re-reads).
  if (mode === 'step' && model.verified.heads.get(sessionId) === state.head) return;
  const content = model.store.graph.content(state.head);
  let revision: string | undefined;
  const page = async (cursor: string | undefined): Promise<Exchange> => {
    const exchange = await owner.api.listFiles(sessionId, { limit: mode === 'sweep' ? 2 : 200, cursor, revision });
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
    model.verified.heads.set(sessionId, state.head);
  }
}

/** What the memo holds for a session whose 404 was seen after its deletion. */
const DELETED = 'deleted';

/**
 * Observes the run after a step with one filtered list call. `own` are the sessions the step acts
 * on: read deeply (blamed with `primary`) when their summary disagrees with the model or their
 * version or head moved since they were last read. Any other session is read deeply only when its
 * summary disagrees, and a difference breaks `others(sessionId)` (isolation by default).
 */
export async function observeAll(model: SuiteModel, real: SuiteReal, own: readonly string[], primary: InvariantId, others: BlameFor = () => 'lineage.fork-isolation'): Promise<void> {
  const { selection: sel, owner } = real.ctx;
  const where = `GET /v1/sessions?tag=${model.runTag}`;
  const listed = await allPages(real, (cursor) => owner.api.listSessions({ tag: [model.runTag], limit: 200, cursor }), (item) => (item as { id: string }).id, 'list.complete');
  sel.expect(listed !== null, 'list.complete', `${where}: a page was not 200`);
  const got = new Map(((listed?.items ?? []) as Array<Record<string, unknown>>).map((item) => [item.id as string, item]));
  const want = new Map(visibleSessions(model.store, owner.principal, { tags: [model.runTag] }).map((summary) => [summary.id, summary]));
  for (const id of model.sessions) {
    const expected = want.get(id);
    const actual = got.get(id);
    const agrees = expected === undefined
      ? actual === undefined
      : actual !== undefined && Object.entries(expected).every(([field, value]) => canonicalJson(actual[field] ?? null) === canonicalJson(value));
    const mine = own.includes(id);
    // The summary comparison is itself a check of the rule a difference would break.
    if (!mine) sel.count(others(id));
    if (agrees && !(mine && moved(model, id))) continue;
    await observeSession(model, real, id, mine ? primary : others(id), mine);
    // The detail view agreed: the list itself is wrong about this session.
    sel.expect(agrees, 'list.complete', `${where}: the summary of ${id} differs from its detail view`, expected ?? null, actual ?? null);
  }
  const unknown = [...got.keys()].filter((id) => !model.sessions.includes(id) && !want.has(id));
  sel.expect(unknown.length === 0, 'list.complete', `${where}: lists sessions the run never made`, [], unknown);
}

/** Whether a session's version, head or deletion moved since it was last read deeply. */
function moved(model: SuiteModel, id: string): boolean {
  const state = model.store.sessions.get(id);
  if (!state) return false;
  const detail = model.verified.details.get(id);
  return state.deleted ? detail !== DELETED : detail !== state.version || model.verified.heads.get(id) !== state.head;
}

/**
 * The end-of-run sweep: every session of the run read deeply (detail, files, spec; deleted ones
 * must be 404), catching what the lean per-step observation lets through. Files are paged two at
 * a time, so file-list paging is checked in every run.
 */
export async function sweepAll(model: SuiteModel, real: SuiteReal): Promise<void> {
  for (const id of model.sessions) await observeSession(model, real, id, 'lineage.fork-isolation', true, 'sweep');
}
