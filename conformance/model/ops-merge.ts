/**
 * `:merge` and `:mergeFrom` (SEMANTICS §8): checks in the documented order, then the merge base,
 * up-to-date, fast-forward or a three-way merge.
 */
import { permissionOf, type Principal } from './access.js';
import { diffContents, type Change } from './content.js';
import { planMerge, type Strategy } from './merge-plan.js';
import type { ModelStore, ServerReport } from './model-store.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { sessionIfMatchPasses } from './preconditions.js';
import { detailView, type SessionDetail, type SessionState } from './session-state.js';

/** The body of a merge request, plus which route and the target's `If-Match`. */
export interface MergeInput {
  kind: 'merge' | 'mergeFrom';
  sourceSessionId: string;
  strategy?: Strategy;
  retireSource?: boolean;
  expectedRevision?: string;
  ifMatch?: string;
}

/** The body of a successful merge. */
export interface MergeResultView {
  session: SessionDetail;
  fastForward: boolean;
  applied: Change[];
  resolved: string[];
}

/** Whether `source` descends from `target` through `parentSessionId` links (deleted ones count). */
function descendsFrom(store: ModelStore, source: SessionState, targetId: string): boolean {
  let current = source.parentSessionId;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    if (current === targetId) return true;
    seen.add(current);
    current = store.sessions.get(current)?.parentSessionId ?? null;
  }
  return false;
}

/**
 * Runs a merge: 401 → 404 (target, then source) → 403 (target; the source too when retiring it)
 * → 412 → merge-same-session → session-not-active → not-a-descendant → revision-mismatch →
 * unrelated-histories / ambiguous-merge-base → merge-conflict.
 */
export function merge(store: ModelStore, actor: Principal | null, targetId: string, input: MergeInput, reported: ServerReport): Outcome<MergeResultView> {
  if (actor === null) return fail('unauthenticated');
  const target = store.visible(actor, targetId);
  const source = store.visible(actor, input.sourceSessionId);
  if (!target || !source) return fail('session-not-found');
  const retire = input.kind === 'merge' && input.retireSource === true;
  if (permissionOf(actor, target) !== 'change') return fail('forbidden');
  if (retire && permissionOf(actor, source) !== 'change') return fail('forbidden');
  if (!sessionIfMatchPasses(input.ifMatch, target.version)) return fail('precondition-failed');
  if (target.id === source.id) return fail('merge-same-session');
  if (target.status !== 'active') return fail('session-not-active');
  if (input.kind === 'merge' && !descendsFrom(store, source, target.id)) return fail('not-a-descendant');
  if (input.expectedRevision !== undefined && input.expectedRevision !== target.head) return fail('revision-mismatch');
  const bases = store.graph.lowestCommonAncestors(target.head, source.head);
  if (bases.length === 0) return fail('unrelated-histories');
  if (bases.length > 1) return fail('ambiguous-merge-base');
  const retireNow = (): void => {
    if (!retire) return;
    const before = `${source.status} ${String(source.mergedIntoSessionId)}`;
    store.tracked(source, () => { source.status = 'merged'; source.mergedIntoSessionId = target.id; });
    if (`${source.status} ${String(source.mergedIntoSessionId)}` !== before) store.emit(source, 'retired', actor, { mergedIntoSessionId: target.id });
  };
  const merged = (fastForward: boolean): void => store.emit(target, 'merged', actor, { sourceSessionId: source.id, method: input.kind, fastForward });
  const targetContent = store.graph.content(target.head);
  const sourceContent = store.graph.content(source.head);
  if (store.graph.isAncestor(source.head, target.head)) {
    retireNow();
    return succeed({ session: detailView(target, store.graph), fastForward: false, applied: [], resolved: [] });
  }
  if (store.graph.isAncestor(target.head, source.head)) {
    store.tracked(target, () => { target.head = source.head; });
    merged(true);
    retireNow();
    return succeed({ session: detailView(target, store.graph), fastForward: true, applied: diffContents(targetContent, sourceContent), resolved: [] });
  }
  const plan = planMerge(store.graph.content(bases[0] as string), targetContent, sourceContent, input.strategy ?? 'fail');
  if (!plan.ok) return fail('merge-conflict', plan.conflicts);
  const sourceHead = source.head;
  let changed = false;
  store.tracked(target, () => {
    changed = store.advance(target, plan.result, reported, [target.head, sourceHead]);
  });
  if (changed) merged(false);
  retireNow();
  return succeed({ session: detailView(target, store.graph), fastForward: false, applied: diffContents(targetContent, plan.result), resolved: plan.resolved });
}
