import type { EnvironmentSpec } from '../domain/index.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { empty, failure, problemFrom, type Result } from '../http/respond.js';
import { etag, ifNoneMatchHits } from '../state/conditional.js';
import type { AccessEntry, SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { changeable, header, jsonBody, readable, sessionResponse } from './common.js';
import { initialContent, type InitialFile } from './initial-content.js';
import { listSessionsPage } from './session-list.js';

/** Metadata is at most 16 KiB serialised (contract/README.md, "Limits"). */
export const MAX_METADATA_BYTES = 16 * 1024;
/** At most 32 tags per session. */
export const MAX_TAGS = 32;

interface CreateBody {
  title: string;
  purpose: SessionRecord['purpose'];
  tags: string[];
  metadata: Record<string, unknown>;
  access: AccessEntry[];
  files: InitialFile[];
  environmentSpec: EnvironmentSpec;
}

/** Checks what create and fork share: metadata size and one role per principal. */
export function checkSessionFields(body: { metadata?: Record<string, unknown>; access?: readonly AccessEntry[] }): Result<null> {
  if (body.metadata && new TextEncoder().encode(JSON.stringify(body.metadata)).length > MAX_METADATA_BYTES) {
    return failure('validation-failed', `metadata is over ${MAX_METADATA_BYTES} bytes.`, { errors: [{ pointer: '/metadata', message: `must be at most ${MAX_METADATA_BYTES} bytes of JSON` }] });
  }
  const principals = (body.access ?? []).map((a) => a.principalId);
  const repeated = principals.findIndex((p, i) => principals.indexOf(p) !== i);
  if (repeated >= 0) return failure('validation-failed', `access names ${principals[repeated]} twice.`, { errors: [{ pointer: `/access/${repeated}`, message: 'one entry per principal' }] });
  return { ok: true, value: null };
}

/** A new session record with the fields every session starts with. */
export function newSession(store: Store, fields: Pick<SessionRecord, 'tenantId' | 'ownerId' | 'title' | 'purpose' | 'tags' | 'metadata' | 'access' | 'parentSessionId' | 'forkedFromCheckpointId' | 'baseRevision' | 'head'>): SessionRecord {
  const now = store.clock.now();
  // Field by field, not a spread: every create and fork builds one, and all records share a shape.
  const session: SessionRecord = {
    id: store.ids.next('ses'),
    tenantId: fields.tenantId,
    ownerId: fields.ownerId,
    title: fields.title,
    purpose: fields.purpose,
    tags: fields.tags,
    metadata: fields.metadata,
    access: fields.access,
    parentSessionId: fields.parentSessionId,
    forkedFromCheckpointId: fields.forkedFromCheckpointId,
    baseRevision: fields.baseRevision,
    head: fields.head,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    committedRevision: null,
    uncommitted: false,
    version: 1,
    mergedIntoSessionId: null,
    deleted: false,
    checkpoints: [],
    commits: [],
  };
  store.refreshUncommitted(session);
  return session;
}

/** The session operations: create, list, get, delete, tags. */
export function sessionHandlers(store: Store): Record<string, OperationHandler> {
  return {
    createSession(input: HandlerInput) {
      const body = jsonBody<CreateBody>(input);
      const checked = checkSessionFields(body);
      if (!checked.ok) return problemFrom(checked);
      const content = initialContent(body.files ?? [], body.environmentSpec);
      if (!content.ok) return problemFrom(content);
      const root = store.graph.append([], content.value);
      const session = newSession(store, {
        tenantId: input.principal.tenantId,
        ownerId: input.principal.principalId,
        title: body.title ?? 'Untitled session',
        purpose: body.purpose ?? 'disposable',
        tags: [...new Set(body.tags ?? [])].sort(),
        metadata: body.metadata ?? {},
        access: body.access ?? [],
        parentSessionId: null,
        forkedFromCheckpointId: null,
        baseRevision: null,
        head: root.id,
      });
      store.add(session);
      return sessionResponse(201, session, { location: `/v1/sessions/${session.id}` });
    },

    listSessions: (input) => listSessionsPage(store, input),

    getSession(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      if (ifNoneMatchHits(header(input, 'if-none-match'), String(found.value.version))) return empty(304, { etag: etag(found.value.version) });
      return sessionResponse(200, found.value, {}, true);
    },

    deleteSession(input) {
      const found = changeable(store, input, { allowRetired: true });
      if (!found.ok) return problemFrom(found);
      found.value.deleted = true;
      return empty(204);
    },

    updateSessionTags(input) {
      const body = jsonBody<{ add: string[]; remove: string[] }>(input);
      const add = body.add ?? [];
      const remove = new Set(body.remove ?? []);
      const both = add.findIndex((t) => remove.has(t));
      if (both >= 0) return problemFrom(failure('validation-failed', `Tag ${add[both]} is both added and removed.`, { errors: [{ pointer: `/add/${both}`, message: 'also in remove' }] }));
      // Tags are workflow state, not content: allowed on a merged (read-only) session too.
      const found = changeable(store, input, { allowRetired: true });
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const next = [...new Set([...session.tags.filter((t) => !remove.has(t)), ...add])].sort();
      if (next.length > MAX_TAGS) return problemFrom(failure('tag-limit-exceeded', `A session may carry at most ${MAX_TAGS} tags; this would make ${next.length}.`));
      if (next.join('\u0000') !== session.tags.join('\u0000')) {
        store.setTags(session, next);
        store.touch(session);
      }
      return sessionResponse(200, session);
    },
  };
}
