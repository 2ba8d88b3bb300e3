/**
 * Test-only: how often a suite run reaches the interesting cases (merge conflicts of each kind,
 * criss-cross bases, fast-forwards, merged deletions, deleted parents), counted per run from the
 * HTTP exchanges. Used to tune the generator bias and to guard it in a test.
 */
import type { Exchange } from '../http/exchange.js';
import { InvariantSelection } from '../invariants/selection.js';
import { connect } from '../mbt/connect.js';
import { runSuite, type SuiteResult } from '../mbt/run-suite.js';
import { DEMO_TOKENS } from './start-mock.js';

/**
 * The cases counted, each as "runs in which it happened at least once": a 409 `merge-conflict`
 * (and whether it listed a `both-changed` or a `path-collision` path, or a path deleted earlier
 * in the run in the target or the source: `conflict-delete-side`), a conflict settled by
 * `ours`/`theirs`, a 409 `ambiguous-merge-base` (criss-cross), a fast-forward, a three-way merge
 * that applied something, a merge that applied a deletion, a deleted session that has a fork,
 * and a `merge` whose source reaches its target only through a deleted session.
 */
export const CASES = ['merge-conflict', 'conflict-both-changed', 'conflict-path-collision', 'conflict-delete-side', 'resolved-by-strategy', 'ambiguous-merge-base', 'fast-forward', 'three-way-merge', 'merged-deletion', 'parent-deleted', 'merge-over-deleted-parent'] as const;

/** A counted case. */
export type Case = (typeof CASES)[number];

/** Runs per case, plus the suite result. */
export interface GeneratorStats {
  readonly runs: number;
  readonly hits: Readonly<Record<Case, number>>;
  readonly result: SuiteResult;
  /** Merge outcomes over all runs (`200 up-to-date`, `409 merge-conflict`, …), every attempt. */
  readonly mergeOutcomes: Readonly<Record<string, number>>;
}

/** How a merge exchange ended. */
function mergeOutcome(ex: Exchange): string {
  const body = (ex.response.json ?? {}) as Body;
  if (ex.response.status !== 200) return `${ex.response.status} ${body.code ?? ''}`;
  if (body.fastForward) return '200 fast-forward';
  return (body.applied ?? []).length > 0 || (body.resolved ?? []).length > 0 ? '200 three-way' : '200 up-to-date';
}

interface Body {
  code?: string;
  conflicts?: Array<{ path: string; reason: string }>;
  fastForward?: boolean;
  applied?: Array<{ path: string; change: string }>;
  resolved?: string[];
  id?: string;
  parentSessionId?: string | null;
}

/** Classifies the exchanges of one run. */
function classify(exchanges: readonly Exchange[]): Set<Case> {
  const seen = new Set<Case>();
  const parentOf = new Map<string, string>();
  const deleted = new Set<string>();
  const files = new Map<string, Set<string>>();
  for (const ex of exchanges) {
    const body = (ex.response.json ?? {}) as Body;
    const op = ex.operationId;
    const status = ex.response.status;
    if ((op === 'forkSession' || op === 'createSession') && status === 201 && body.id) {
      if (body.parentSessionId) parentOf.set(body.id, body.parentSessionId);
    }
    if (op === 'deleteFile' && status === 204) {
      const [, , , id, , ...rest] = ex.request.path.split('/');
      const key = decodeURIComponent(id ?? '');
      files.set(key, (files.get(key) ?? new Set()).add(decodeURIComponent(rest.join('/'))));
    }
    if (op === 'deleteSession' && status === 204) {
      const id = decodeURIComponent(ex.request.path.split('/')[3] ?? '');
      if ([...parentOf.values()].includes(id)) seen.add('parent-deleted');
      deleted.add(id);
    }
    if (op === 'mergeSession' || op === 'mergeFromSession') {
      if (status === 409 && body.code === 'merge-conflict') {
        seen.add('merge-conflict');
        const target = decodeURIComponent(ex.request.path.split('/')[3]?.split(':')[0] ?? '');
        const source = (ex.request.json as { sourceSessionId?: string } | undefined)?.sourceSessionId ?? '';
        for (const c of body.conflicts ?? []) {
          seen.add(c.reason === 'path-collision' ? 'conflict-path-collision' : 'conflict-both-changed');
          if (files.get(target)?.has(c.path) || files.get(source)?.has(c.path)) seen.add('conflict-delete-side');
        }
      }
      if (status === 409 && body.code === 'ambiguous-merge-base') seen.add('ambiguous-merge-base');
      if (status === 200) {
        if (body.fastForward) seen.add('fast-forward');
        else if ((body.applied ?? []).length > 0 || (body.resolved ?? []).length > 0) seen.add('three-way-merge');
        if ((body.resolved ?? []).length > 0) seen.add('resolved-by-strategy');
        if ((body.applied ?? []).some((a) => a.change === 'deleted')) seen.add('merged-deletion');
        if (op === 'mergeSession') {
          const src = (ex.request.json as { sourceSessionId?: string } | undefined)?.sourceSessionId;
          for (let p = src ? parentOf.get(src) : undefined; p; p = parentOf.get(p)) if (deleted.has(p)) seen.add('merge-over-deleted-parent');
        }
      }
    }
  }
  return seen;
}

/** Runs the suite against `baseUrl` and counts, per run, the cases it reached. */
export async function generatorStats(baseUrl: string, seed: number, runs: number, maxCommands: number): Promise<GeneratorStats> {
  const { client, ctx } = await connect({ baseUrl, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection: new InvariantSelection() });
  const hits = Object.fromEntries(CASES.map((c) => [c, 0])) as Record<Case, number>;
  const mergeOutcomes: Record<string, number> = {};
  let current: Exchange[] = [];
  const stop = client.listen((ex) => {
    current.push(ex);
    if (ex.operationId === 'mergeSession' || ex.operationId === 'mergeFromSession') {
      const key = mergeOutcome(ex);
      mergeOutcomes[key] = (mergeOutcomes[key] ?? 0) + 1;
    }
  });
  try {
    const result = await runSuite(client, ctx, {
      seed,
      runs,
      maxCommands,
      onRun: () => {
        for (const c of classify(current)) hits[c] += 1;
        current = [];
      },
    });
    return { runs, hits, result, mergeOutcomes };
  } finally {
    stop();
    await client.close();
  }
}
