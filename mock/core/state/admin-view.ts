/**
 * A read-only picture of the whole store for the admin API's read routes and the admin UI: every
 * tenant's sessions (deleted and merged ones too) and the revision DAG, which the public API never
 * shows (it hides deleted sessions, answers one tenant per token and has no revision graph). Plain
 * data out, nothing written: a view can never change what the API answers.
 */
import type { EnvironmentSpec } from '../domain/index.js';
import type { SessionRecord } from './session-record.js';
import type { Store } from './store.js';

/** One session as the admin view lists it. */
export interface AdminSession {
  readonly id: string;
  readonly tenantId: string;
  readonly ownerId: string;
  readonly title: string;
  readonly purpose: string;
  readonly status: 'active' | 'merged';
  readonly deleted: boolean;
  readonly tags: readonly string[];
  readonly parentSessionId: string | null;
  readonly forkedFromCheckpointId: string | null;
  readonly baseRevision: string | null;
  readonly mergedIntoSessionId: string | null;
  readonly head: string;
  readonly committedRevision: string | null;
  readonly hasUncommittedChanges: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly checkpoints: readonly string[];
  readonly commits: readonly string[];
}

/** A revision of the DAG: its parents, the session whose line made it (null: none found), the sessions whose head it is. */
export interface AdminRevision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly generation: number;
  readonly sessionId: string | null;
  readonly headOf: readonly string[];
  readonly fileCount: number;
}

/**
 * An edge of the DAG, parent to child: `merge` from a merge revision's second parent, `fork` from a
 * forked session's base revision to the first revision of its own line, `parent` otherwise.
 */
export interface AdminEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: 'parent' | 'fork' | 'merge';
}

/** The whole lineage: the DAG, its edges, the forks and retiring merges between sessions, checkpoints and commits. */
export interface AdminLineage {
  readonly sessions: readonly AdminSession[];
  readonly revisions: readonly AdminRevision[];
  readonly edges: readonly AdminEdge[];
  readonly forks: readonly { readonly sessionId: string; readonly parentSessionId: string; readonly baseRevision: string | null; readonly checkpointId: string | null }[];
  readonly merges: readonly { readonly sessionId: string; readonly mergedIntoSessionId: string }[];
  readonly checkpoints: readonly { readonly id: string; readonly sessionId: string; readonly revision: string; readonly label: string | null; readonly createdAt: string }[];
  readonly commits: readonly { readonly id: string; readonly sessionId: string; readonly revision: string; readonly message: string; readonly createdAt: string }[];
}

/** The files of one revision, by path in code point order. */
export interface AdminRevisionFiles {
  readonly revision: string;
  readonly files: readonly { readonly path: string; readonly size: number; readonly sha256: string }[];
  readonly environmentSpec: EnvironmentSpec | null;
}

/** What {@link MockCore.adminView} answers: reads of the current state. */
export interface AdminView {
  sessions(): AdminSession[];
  lineage(): AdminLineage;
  /** Null when the store has no such revision. */
  revisionFiles(revision: string): AdminRevisionFiles | null;
  /** A file's bytes at a revision; which of the two is missing otherwise. */
  fileAt(revision: string, path: string): { ok: true; bytes: Uint8Array } | { ok: false; missing: 'revision' | 'file' };
}

function sessionOf(s: SessionRecord): AdminSession {
  return {
    id: s.id,
    tenantId: s.tenantId,
    ownerId: s.ownerId,
    title: s.title,
    purpose: s.purpose,
    status: s.status,
    deleted: s.deleted,
    tags: [...s.tags],
    parentSessionId: s.parentSessionId,
    forkedFromCheckpointId: s.forkedFromCheckpointId,
    baseRevision: s.baseRevision,
    mergedIntoSessionId: s.mergedIntoSessionId,
    head: s.head,
    committedRevision: s.committedRevision,
    hasUncommittedChanges: s.uncommitted,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    checkpoints: [...s.checkpoints],
    commits: [...s.commits],
  };
}

/** Every revision some head, checkpoint or commit reaches (every revision the store made: each new one extends a head). */
function reachable(store: Store): string[] {
  const seen = new Set<string>();
  const stack: string[] = [...store.order.map((s) => s.head), ...Array.from(store.checkpoints.values(), (c) => c.revision), ...Array.from(store.commits.values(), (c) => c.revision)];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...store.graph.require(id).parents);
  }
  // Ids increase with creation (zero-padded counters), so this is creation order.
  return [...seen].sort();
}

/**
 * Which session's line made each revision: newest session first, each walks the first parents
 * from its head (then its checkpoints and commits) down to its base revision and claims what no
 * newer session claimed. A fork's own revisions so go to the fork, a merge revision's first parent
 * line to the target, and a fast-forwarded target does not take its source's revisions.
 */
function owners(store: Store): Map<string, string> {
  const owner = new Map<string, string>();
  const walk = (session: SessionRecord, from: string): void => {
    for (let id: string | undefined = from; id !== undefined && id !== session.baseRevision; id = store.graph.require(id).parents[0]) {
      if (!owner.has(id)) owner.set(id, session.id);
    }
  };
  const newestFirst = [...store.order].reverse();
  for (const session of newestFirst) walk(session, session.head);
  for (const session of newestFirst) {
    for (const id of [...session.checkpoints, ...session.commits]) {
      const revision = store.checkpoints.get(id)?.revision ?? store.commits.get(id)?.revision;
      if (revision !== undefined) walk(session, revision);
    }
  }
  return owner;
}

function lineageOf(store: Store): AdminLineage {
  const ids = reachable(store);
  const owner = owners(store);
  const heads = new Map<string, string[]>();
  for (const s of store.order) heads.set(s.head, [...(heads.get(s.head) ?? []), s.id]);
  const revisions: AdminRevision[] = [];
  const edges: AdminEdge[] = [];
  for (const id of ids) {
    const revision = store.graph.require(id);
    const sessionId = owner.get(id) ?? null;
    revisions.push({ id, parents: revision.parents, generation: revision.generation, sessionId, headOf: heads.get(id) ?? [], fileCount: revision.content.files.size });
    const session = sessionId === null ? undefined : store.sessions.get(sessionId);
    revision.parents.forEach((parent, index) => {
      const forked = session !== undefined && session.parentSessionId !== null && parent === session.baseRevision;
      const kind = index === 1 ? 'merge' : forked ? 'fork' : 'parent';
      edges.push({ id: `${parent}->${id}`, from: parent, to: id, kind });
    });
  }
  return {
    sessions: store.order.map(sessionOf),
    revisions,
    edges,
    forks: store.order.flatMap((s) => (s.parentSessionId === null ? [] : [{ sessionId: s.id, parentSessionId: s.parentSessionId, baseRevision: s.baseRevision, checkpointId: s.forkedFromCheckpointId }])),
    merges: store.order.flatMap((s) => (s.mergedIntoSessionId === null ? [] : [{ sessionId: s.id, mergedIntoSessionId: s.mergedIntoSessionId }])),
    checkpoints: Array.from(store.checkpoints.values(), (c) => ({ id: c.id, sessionId: c.sessionId, revision: c.revision, label: c.label, createdAt: c.createdAt })),
    commits: Array.from(store.commits.values(), (c) => ({ id: c.id, sessionId: c.sessionId, revision: c.revision, message: c.message, createdAt: c.createdAt })),
  };
}

/** The admin view of one store. */
export function adminViewOf(store: Store): AdminView {
  return {
    sessions: () => store.order.map(sessionOf),
    lineage: () => lineageOf(store),
    revisionFiles(revision) {
      const found = store.graph.get(revision);
      if (found === undefined) return null;
      const { entries } = found.content.files.page({ limit: Math.max(1, found.content.files.size) });
      return { revision, files: entries.map(([path, blob]) => ({ path, size: blob.size, sha256: blob.sha256 })), environmentSpec: found.content.environmentSpec };
    },
    fileAt(revision, path) {
      const found = store.graph.get(revision);
      if (found === undefined) return { ok: false, missing: 'revision' };
      const blob = found.content.files.get(path);
      return blob === undefined ? { ok: false, missing: 'file' } : { ok: true, bytes: blob.bytes };
    },
  };
}
