/**
 * The named invariants the suite checks (SEMANTICS §13). The ids are stable: reports, `--only`
 * and `--skip` use them, and `conformance/INVARIANTS.md` documents each.
 */

/** One invariant: its stable id, a one-line statement and the SEMANTICS section it comes from. */
export interface InvariantInfo {
  readonly id: string;
  readonly title: string;
  readonly section: string;
}

const list = [
  ['contract.no-5xx', 'The server never answers 5xx to anything a client sent', '§12'],
  ['contract.status-documented', 'Every status code is documented for its operation', '§13'],
  ['contract.content-type', 'Every response has a documented content type', '§13'],
  ['contract.body-schema', 'Every body validates against its documented schema', '§13'],
  ['contract.headers', 'Documented headers (ETag, Location, WWW-Authenticate) are present and well-formed', '§2, §13'],
  ['contract.problem-json', 'Errors are problem+json with a documented code matching the status', '§12'],
  ['contract.rejects-invalid', 'Invalid requests get their documented 4xx and change nothing', '§12'],
  ['model.status', 'Each request gets the status and problem code the semantics predict', '§1–§10'],
  ['content.read-your-writes', 'Files and their sizes and hashes read back exactly as written', '§3'],
  ['content.revision-iff-change', 'The head revision moves iff content moves; revision ids are never reused', '§4'],
  ['ids.fresh', 'A new session, checkpoint or commit gets an id never used before', '§2, §6, §7'],
  ['content.read-at-revision', 'Reading at a past revision or checkpoint shows that state exactly', '§3'],
  ['content.environment-spec', 'The environment spec is stored, derived and read back as the semantics say', '§9'],
  ['lineage.fork-snapshot', 'A fork starts at the same revision and content as its source (or checkpoint)', '§5'],
  ['lineage.fork-isolation', 'No change to one session ever shows in another', '§5'],
  ['lineage.checkpoint-immutable', 'A checkpoint never changes and lives as long as its session', '§6'],
  ['lineage.restore-exact', 'Restore brings back exactly the checkpoint content as a new revision', '§6'],
  ['lineage.links-immutable', 'parentSessionId, baseRevision and forkedFromCheckpointId never change', '§2'],
  ['merge.soundness', 'A merge result follows the three-way rule on every path', '§8'],
  ['merge.conflicts-exact', 'A failed merge lists exactly the conflicting paths, sorted, and changes nothing', '§8'],
  ['merge.fast-forward', 'A fast-forward moves the target to the source head revision, no new revision', '§8'],
  ['merge.idempotent', 'Merging an already merged source is up to date and changes nothing', '§8'],
  ['merge.source-untouched', "A merge never changes the source's content", '§8'],
  ['commit.summary-exact', 'generateCommitSummary lists exactly the baseline → head changes, with the documented words', '§7'],
  ['commit.clears-changes', 'After a commit committedRevision is the head and nothing is uncommitted', '§7'],
  ['session.delete-final', 'A deleted session is 404 everywhere and unlisted; its forks live on', '§10'],
  ['list.complete', 'Paging a list (sessions, files under a prefix, checkpoints, commits) returns every matching item once, in order', '§10'],
  ['tags.set-semantics', 'Tag patches have set semantics and return sorted tags', '§10'],
  ['etag.version-moves', 'version/ETag move by exactly one on every visible change, never on reads', '§2'],
  ['etag.stale-if-match', 'A stale If-Match is 412 and changes nothing', '§2, §3'],
  ['auth.unauthenticated', 'No token (or an unknown one) is 401', '§1'],
  ['auth.tenant-isolation', "Another tenant's session is 404 everywhere and never listed", '§1'],
  ['auth.viewer-read-only', 'A viewer can read but any change is 403 and changes nothing', '§1'],
  ['idempotency.replay', 'The same Idempotency-Key and body replays the first response without acting again', '§12'],
  ['review.annotations-exact', 'Annotations are pinned, filtered, ordered, changed and deleted exactly as the rules say, by whom they allow', 'README §13'],
  ['review.approvals-exact', 'Approvals read back as decided, stale exactly when the head is not their revision, newest first', 'README §13'],
  ['review.approval-gate', 'A review session commits only when each reviewer\'s newest decision on the head adds up to an approval and no request for changes', 'README §13'],
  ['cache.round-trip', 'A cache value reads back as written, listed by key under its prefix, writes needing change rights', 'README §13'],
  ['cache.ttl', 'A cache entry with a TTL is live until it expires and gone after: 404, unlisted, recreated by a PUT', 'README §13'],
  ['events.one-per-change', 'Every change writes exactly one event of the right type, actor, revision and data to each session it changes; no-ops and rejected requests write none', 'README §13'],
  ['events.order', 'A session\'s events page with `after` completely and in order, each id unique across the server', 'README §13'],
  ['events.stream', 'The event stream sends the same events as the JSON pages and resumes after Last-Event-ID', 'README §13'],
  ['concurrency.linearizable', 'Concurrent requests behave as if run one at a time in an order consistent with real time; preconditions and key replays are atomic with the change', 'README §9'],
] as const;

/** A stable invariant id. */
export type InvariantId = (typeof list)[number][0];

/** Every invariant, in report order. */
export const INVARIANTS: readonly InvariantInfo[] = list.map(([id, title, section]) => ({ id, title, section }));

/** The optional surfaces of contract README §13, and the core every server offers. */
export type SurfaceName = 'core' | 'review' | 'cache' | 'events';

/** Every surface, core first. */
export const ALL_SURFACES: readonly SurfaceName[] = ['core', 'review', 'cache', 'events'];

/** The surface whose rule an invariant states: `review.*`, `cache.*` and `events.*` are optional ones. */
export function surfaceOf(id: string): SurfaceName {
  const prefix = id.split('.')[0];
  return prefix === 'review' || prefix === 'cache' || prefix === 'events' ? prefix : 'core';
}

/** Whether a string is a known invariant id. */
export function isInvariantId(value: string): value is InvariantId {
  return INVARIANTS.some((info) => info.id === value);
}
