/**
 * Comparing what the server answered with what the model expects, naming the invariant each
 * difference breaks.
 */
import type { InvariantId } from '../invariants/catalogue.js';
import type { InvariantSelection } from '../invariants/selection.js';
import type { Exchange } from '../http/exchange.js';
import { canonicalJson } from '../model/environment-spec.js';
import type { Outcome, ProblemCode } from '../model/outcome.js';

/** Which invariant a wrong status breaks when the model expected this problem code. */
const CODE_INVARIANT: Partial<Record<ProblemCode, InvariantId>> = {
  'precondition-failed': 'etag.stale-if-match',
  forbidden: 'auth.viewer-read-only',
  unauthenticated: 'auth.unauthenticated',
  'merge-conflict': 'merge.conflicts-exact',
  'validation-failed': 'contract.rejects-invalid',
  'invalid-path': 'contract.rejects-invalid',
  'approval-required': 'review.approval-gate',
  'annotation-not-found': 'review.annotations-exact',
  'approval-not-found': 'review.approvals-exact',
};

function describe(exchange: Exchange): string {
  const code = (exchange.response.json as { code?: unknown } | undefined)?.code;
  return `${exchange.response.status}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/**
 * Checks the status (and problem code, and merge conflicts) against the expected outcome.
 * `fallback` names the invariant when no code-specific one applies; with `own` it always does
 * (an annotation's 403 is the annotation rule's, not `auth.viewer-read-only`: viewers annotate).
 */
export function judgeStatus(sel: InvariantSelection, exchange: Exchange, expected: Outcome<unknown>, fallback: InvariantId, own = false): void {
  const where = `${exchange.request.method} ${exchange.request.path}`;
  const want = expected.ok ? `${expected.status}` : `${expected.status} ${expected.code}`;
  const invariant = (!own && !expected.ok && CODE_INVARIANT[expected.code]) || fallback;
  if (exchange.response.status !== expected.status) {
    sel.violate(invariant, `${where}: expected ${want}, got ${describe(exchange)}`, want, describe(exchange));
    return;
  }
  // A status that matched is a check that held (a mismatch counts in `violate`).
  sel.count(invariant);
  if (expected.ok) return;
  const body = exchange.response.json as { code?: unknown; conflicts?: unknown } | undefined;
  if (body?.code !== expected.code) sel.violate(invariant, `${where}: expected problem code ${expected.code}, got ${String(body?.code)}`, expected.code, body?.code);
  if (expected.code === 'merge-conflict') {
    const actual = canonicalJson(body?.conflicts ?? null);
    sel.expect(actual === canonicalJson(expected.conflicts ?? []), 'merge.conflicts-exact', `${where}: conflicts differ`, expected.conflicts, body?.conflicts);
  }
}

/**
 * Compares the listed fields of an actual JSON object with the expected values; each field maps
 * to the invariant it belongs to.
 */
export function judgeFields(sel: InvariantSelection, where: string, actual: unknown, expected: Record<string, unknown>, invariantOf: (field: string) => InvariantId): void {
  const record = (actual ?? {}) as Record<string, unknown>;
  for (const [field, want] of Object.entries(expected)) {
    const got = record[field];
    // Each compared field is one check of the invariant it belongs to (a mismatch counts in `violate`).
    if (canonicalJson(got ?? null) !== canonicalJson(want ?? null)) {
      sel.violate(invariantOf(field), `${where}: ${field} expected ${canonicalJson(want ?? null)}, got ${canonicalJson(got ?? null)}`, want, got);
    }
    sel.count(invariantOf(field));
  }
}

/** The invariant a session field belongs to when it differs from the model. */
export function sessionFieldInvariant(primary: InvariantId): (field: string) => InvariantId {
  return (field) => {
    switch (field) {
      case 'version': return 'etag.version-moves';
      case 'tags': return 'tags.set-semantics';
      case 'parentSessionId': case 'baseRevision': case 'forkedFromCheckpointId': return primary === 'lineage.fork-snapshot' ? primary : 'lineage.links-immutable';
      case 'committedRevision': case 'hasUncommittedChanges': return primary === 'commit.clears-changes' ? primary : primary.startsWith('merge.') || primary.startsWith('lineage.') ? primary : 'commit.clears-changes';
      case 'status': case 'mergedIntoSessionId': return 'merge.soundness';
      default: return primary;
    }
  };
}

/** The `"<version>"` ETag of a session response must match the body's version. */
export function judgeSessionEtag(sel: InvariantSelection, exchange: Exchange, version: number): void {
  const etag = exchange.response.headers.etag;
  sel.expect(etag === `"${version}"`, 'etag.version-moves', `${exchange.request.method} ${exchange.request.path}: ETag ${String(etag)} but version is ${version}`, `"${version}"`, etag);
}
