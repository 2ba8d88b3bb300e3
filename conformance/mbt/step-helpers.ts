/**
 * Small helpers the commands share: reading server-chosen ids from a response, the access list
 * every run session grants, and walking back along a session's history.
 */
import type { Exchange } from '../http/exchange.js';
import type { AccessEntry } from '../model/access.js';
import type { ServerReport } from '../model/model-store.js';
import type { RevisionGraph } from '../model/revision-graph.js';
import type { SuiteContext } from './suite-context.js';

/** Ids in a JSON response: `id` and `revision` (or `session.revision` for merges). */
export function reportOf(exchange: Exchange): ServerReport {
  const body = (exchange.response.json ?? {}) as { id?: unknown; revision?: unknown; session?: { revision?: unknown } };
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const id = str(body.id);
  return { sessionId: id, checkpointId: id, commitId: id, revision: str(body.revision) ?? str(body.session?.revision) };
}

/** The head revision the server now shows for a session (for routes answering 204 or a spec). */
export async function headAfter(ctx: SuiteContext, sessionId: string): Promise<ServerReport> {
  const exchange = await ctx.owner.api.getSession(sessionId);
  const revision = (exchange.response.json as { revision?: unknown } | undefined)?.revision;
  return { revision: typeof revision === 'string' ? revision : undefined };
}

/** The access list of every session the suite creates: the viewer (when known) as viewer. */
export function viewerAccess(ctx: SuiteContext): AccessEntry[] {
  return ctx.viewer ? [{ principalId: ctx.viewer.principal.principalId, role: 'viewer' }] : [];
}

/** The revision `back` steps along first parents from `head` (stops at a root). */
export function firstParentBack(graph: RevisionGraph, head: string, back: number): string {
  let current = head;
  for (let i = 0; i < back; i += 1) {
    const parent = graph.get(current).parents[0];
    if (parent === undefined) break;
    current = parent;
  }
  return current;
}

/** A fresh Idempotency-Key for the run. */
export function nextKey(model: { runTag: string; keys: number }): string {
  model.keys += 1;
  return `${model.runTag}-k${model.keys}`;
}

/**
 * A checkpoint pick: `'own'` is the session's latest checkpoint, `'previous'` the one before it
 * (restoring past a later save point: the case that must keep the later one), a number is label
 * `c<n>`.
 */
export type CheckpointPick = number | 'own' | 'previous';

/** The label index a pick resolves to, or null when there is none. */
export function resolveCheckpoint(model: { checkpoints: readonly string[]; store: { checkpoints: ReadonlyMap<string, { sessionId: string }> } }, sessionId: string | undefined, pick: CheckpointPick): number | null {
  if (typeof pick === 'number') return pick < model.checkpoints.length ? pick : null;
  let skip = pick === 'previous' ? 1 : 0;
  for (let i = model.checkpoints.length - 1; i >= 0; i -= 1) {
    if (model.store.checkpoints.get(model.checkpoints[i] as string)?.sessionId !== sessionId) continue;
    if (skip === 0) return i;
    skip -= 1;
  }
  return null;
}

/** How a pick prints: `c2`, `own` or `previous`. */
export function pickLabel(pick: CheckpointPick): string {
  return typeof pick === 'number' ? `c${pick}` : pick;
}
