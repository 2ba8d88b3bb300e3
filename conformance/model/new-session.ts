/**
 * The one place the model builds a new session (create and fork alike): what the request gives,
 * SEMANTICS §2's defaults, and the lineage the caller decides.
 */
import type { AccessEntry, Principal } from './access.js';
import { sortedUnique } from './code-point-order.js';
import type { ModelStore, ServerReport } from './model-store.js';
import type { JsonObject, Purpose, SessionState } from './session-state.js';

/** The fields a create or fork request may give. */
export interface NewSessionFields {
  readonly title?: string;
  readonly purpose?: Purpose;
  readonly tags?: readonly string[];
  readonly metadata?: JsonObject;
  readonly access?: readonly AccessEntry[];
}

/** Where the new session sits in the lineage. */
export interface NewSessionLineage {
  readonly tenantId: string;
  readonly parentSessionId: string | null;
  readonly forkedFromCheckpointId: string | null;
  readonly baseRevision: string | null;
  readonly head: string;
}

/** Builds and stores a new active session at version 1; a fork inherits nothing the request does not give (§5). */
export function addNewSession(store: ModelStore, actor: Principal, input: NewSessionFields, reported: ServerReport, lineage: NewSessionLineage): SessionState {
  const session: SessionState = {
    id: store.newId('session', reported.sessionId),
    seq: store.nextSeq(),
    title: input.title ?? reported.title ?? 'model:untitled',
    purpose: input.purpose ?? 'disposable',
    status: 'active',
    tags: sortedUnique(input.tags ?? []),
    metadata: structuredClone(input.metadata ?? {}),
    ownerId: actor.principalId,
    access: (input.access ?? []).map((entry) => ({ ...entry })),
    ...lineage,
    committedRevision: null,
    version: 1,
    mergedIntoSessionId: null,
    deleted: false,
  };
  store.sessions.set(session.id, session);
  return session;
}
