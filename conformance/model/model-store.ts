/**
 * The model's whole state and the steps every operation shares: taking the ids the server
 * reported, locating a session with the access checks in their fixed order, moving a head, and
 * bumping `version` exactly when the detail view changes.
 */
import { permissionOf, type Principal } from './access.js';
import { contentEquals, type Change, type Content } from './content.js';
import { canonicalJson } from './environment-spec.js';
import { fail, ModelViolation, type Failure, type IdKind } from './outcome.js';
import { sessionIfMatchPasses } from './preconditions.js';
import { RevisionGraph } from './revision-graph.js';
import { detailView, type SessionState } from './session-state.js';
import { ExpectedEvents, type EventType } from './events.js';
import type { AnnotationRecord, ApprovalRecord, CacheRecord } from './review-records.js';

/**
 * Ids and values only the server can choose, read from its response and handed to the model.
 * A field is used only when the operation creates that thing; when it is missing the model
 * invents a placeholder (`model:<kind>:<n>`, never a valid server id) so it can go on predicting.
 */
export interface ServerReport {
  /** Id of a session the request created. */
  sessionId?: string;
  /** Head revision after the request (used only when the model expects a NEW revision). */
  revision?: string;
  /** Id of a checkpoint the request created. */
  checkpointId?: string;
  /** Id of a commit the request created. */
  commitId?: string;
  /** Id of an annotation or approval the request created. */
  annotationId?: string;
  approvalId?: string;
  /** The title the server chose when the request gave none (the rules leave it open). */
  title?: string;
}

/** A checkpoint: an immutable pointer to a revision of its session. */
export interface CheckpointRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly label: string | null;
  readonly seq: number;
}

/** A commit: the head a session promoted, and what changed since the previous baseline. */
export interface CommitRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly message: string;
  readonly changes: readonly Change[];
  readonly authorId: string;
  readonly seq: number;
}

/** A located session, or the problem that stops the request. */
export type Located = { readonly ok: true; readonly session: SessionState } | Failure;

/** What a request needs of its session before it may act. */
export interface GuardOptions {
  need: 'read' | 'change';
  /** The session-level `If-Match` header, when the route takes one. */
  ifMatch?: string | undefined;
  /** Refuse a `merged` (read-only) session with 409 `session-not-active`. */
  requireActive?: boolean;
  /** A problem found in the request itself (400), reported after 401 and before any lookup. */
  invalid?: Failure | null;
}

/** All state of the reference model. Plain maps; nothing is ever removed. */
export class ModelStore {
  readonly graph: RevisionGraph;
  readonly sessions = new Map<string, SessionState>();
  readonly checkpoints = new Map<string, CheckpointRecord>();
  readonly commits = new Map<string, CommitRecord>();
  readonly annotations = new Map<string, AnnotationRecord>();
  readonly approvals = new Map<string, ApprovalRecord>();
  /** Cache entries by `<sessionId> <key>`, as last written (expiry is judged when read). */
  readonly cache = new Map<string, CacheRecord>();
  /**
   * Whether the server offers the review surface: without it nobody can approve, so a `review`
   * session commits without approvals (§13). The suite sets it from its preflight.
   */
  reviewSurface = false;
  /** What each session's event log must hold. */
  events = new ExpectedEvents();
  private sequence = 0;
  private placeholders = 0;
  /** Server ids checked new since the last {@link takeFreshIds}, by kind (each is one check of a rule). */
  private fresh = new Map<IdKind, number>();

  constructor(graph = new RevisionGraph()) {
    this.graph = graph;
  }

  /**
   * A deep copy that evolves on its own: sessions are copied (they are mutated in place), while
   * revisions, contents, checkpoints and commits are immutable and shared. Used to try several
   * orders of concurrent requests against the same starting state.
   */
  clone(): ModelStore {
    const copy = new ModelStore(this.graph.clone());
    for (const [id, session] of this.sessions) copy.sessions.set(id, structuredClone(session));
    for (const [id, record] of this.checkpoints) copy.checkpoints.set(id, record);
    for (const [id, record] of this.commits) copy.commits.set(id, record);
    for (const [id, record] of this.annotations) copy.annotations.set(id, { ...record });
    for (const [id, record] of this.approvals) copy.approvals.set(id, record);
    for (const [id, record] of this.cache) copy.cache.set(id, record);
    copy.events = this.events.clone();
    copy.reviewSurface = this.reviewSurface;
    copy.sequence = this.sequence;
    copy.placeholders = this.placeholders;
    return copy;
  }

  /** Records the event of one change to `session` (its head read now, after the change). */
  emit(session: SessionState, type: EventType, actor: Principal, data: Record<string, unknown> = {}): void {
    this.events.add({ type, sessionId: session.id, revision: session.head, actorId: actor.principalId, data });
  }

  /** The next creation sequence number (orders sessions, checkpoints and commits). */
  nextSeq(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Takes the server's id for a new thing and checks it is new; invents one when not reported. */
  newId(kind: IdKind, reported: string | undefined): string {
    if (reported === undefined) {
      this.placeholders += 1;
      return `model:${kind}:${this.placeholders}`;
    }
    const known =
      kind === 'session' ? this.sessions.has(reported)
      : kind === 'revision' ? this.graph.has(reported)
      : kind === 'checkpoint' ? this.checkpoints.has(reported)
      : kind === 'annotation' ? this.annotations.has(reported)
      : kind === 'approval' ? this.approvals.has(reported)
      : this.commits.has(reported);
    if (known) {
      const why = kind === 'revision' ? ' (revision must move iff content moves)' : '';
      throw new ModelViolation(kind, `server reported ${kind} id ${reported} for a new ${kind}, but it already exists${why}`);
    }
    this.fresh.set(kind, (this.fresh.get(kind) ?? 0) + 1);
    return reported;
  }

  /**
   * How many server ids of each kind were checked new since the last call, and starts counting
   * afresh: the step that made the requests counts them under the rule its table names.
   */
  takeFreshIds(): ReadonlyMap<IdKind, number> {
    const taken = this.fresh;
    this.fresh = new Map();
    return taken;
  }

  /** The session if the principal may see it (exists, not deleted, some permission), else undefined. */
  visible(actor: Principal, id: string): SessionState | undefined {
    const session = this.sessions.get(id);
    if (!session || session.deleted) return undefined;
    return permissionOf(actor, session) === 'none' ? undefined : session;
  }

  /**
   * Locates the session a request acts on. Precedence when several problems apply (one fixed order,
   * the same for every route): 401 unauthenticated → 400 invalid request → 404 not visible
   * (missing, deleted, other tenant, no role) → 403 viewer changing → 412 stale If-Match →
   * 409 session-not-active. Operation-specific checks come after, in each operation.
   */
  guard(actor: Principal | null, id: string, options: GuardOptions): Located {
    if (actor === null) return fail('unauthenticated');
    if (options.invalid) return options.invalid;
    const session = this.visible(actor, id);
    if (!session) return fail('session-not-found');
    if (options.need === 'change' && permissionOf(actor, session) !== 'change') return fail('forbidden');
    if (!sessionIfMatchPasses(options.ifMatch, session.version)) return fail('precondition-failed');
    if (options.requireActive && session.status !== 'active') return fail('session-not-active');
    return { ok: true, session };
  }

  /**
   * Runs a mutation and bumps `version` by one if, and only if, the detail view changed. Comparing
   * whole views is the literal reading of "+1 on every change to anything the detail view shows".
   */
  tracked(session: SessionState, mutate: () => void): void {
    const before = canonicalJson({ ...detailView(session, this.graph), version: 0 });
    mutate();
    const after = canonicalJson({ ...detailView(session, this.graph), version: 0 });
    if (before !== after) session.version += 1;
  }

  /**
   * Moves the session's head to new content: one new revision (parents default to [head]) unless
   * the content equals the head's, in which case nothing happens. Returns whether it moved. Call
   * inside {@link tracked} so the version follows.
   */
  advance(session: SessionState, content: Content, reported: ServerReport, parents?: string[]): boolean {
    if (contentEquals(content, this.graph.content(session.head))) return false;
    const id = this.newId('revision', reported.revision);
    this.graph.add({ id, parents: parents ?? [session.head], content });
    session.head = id;
    return true;
  }
}
