import { nestedDeeperThan, type EnvironmentSpec } from '../domain/index.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { empty, failure, problemFrom, type Result } from '../http/respond.js';
import { etag, ifNoneMatchHits } from '../state/conditional.js';
import { NO_IDS, type AccessEntry, type SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { changeable, header, jsonBody, readable, sessionResponse } from './common.js';
import { forgetBeside } from './review-common.js';
import { initialContent, type InitialFile } from './initial-content.js';
import { listSessionsPage } from './session-list.js';

/** Metadata is at most 16 KiB serialised (contract/README.md, "Limits"). */
export const MAX_METADATA_BYTES = 16 * 1024;
/** Metadata nests at most 32 levels of objects and arrays (the metadata object is level 1). */
export const MAX_METADATA_DEPTH = 32;
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
  // Depth first: serialising (for the size) recurses, and a small body can nest thousands deep.
  if (body.metadata && nestedDeeperThan(body.metadata, MAX_METADATA_DEPTH)) {
    return failure('validation-failed', `metadata nests more than ${MAX_METADATA_DEPTH} levels deep.`, { errors: [{ pointer: '/metadata', message: `must nest at most ${MAX_METADATA_DEPTH} levels of objects and arrays` }] });
  }
  if (body.metadata && jsonBytesOver(body.metadata, MAX_METADATA_BYTES)) {
    return failure('validation-failed', `metadata is over ${MAX_METADATA_BYTES} bytes.`, { errors: [{ pointer: '/metadata', message: `must be at most ${MAX_METADATA_BYTES} bytes of JSON` }] });
  }
  const principals = (body.access ?? []).map((a) => a.principalId);
  const repeated = principals.findIndex((p, i) => principals.indexOf(p) !== i);
  if (repeated >= 0) return failure('validation-failed', `access names ${principals[repeated]} twice.`, { errors: [{ pointer: `/access/${repeated}`, message: 'one entry per principal' }] });
  return { ok: true, value: null };
}

/** Whether `value` serialised as JSON is over `limit` UTF-8 bytes. */
function jsonBytesOver(value: unknown, limit: number): boolean {
  const text = JSON.stringify(value);
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit, so most texts are decided without encoding them.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).length > limit;
}

// What a session without tags, access entries or metadata holds: shared, so it costs nothing.
const NO_TAGS: readonly string[] = Object.freeze([]);
const NO_ACCESS: readonly AccessEntry[] = Object.freeze([]);
const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/** The fields create and fork both take from the request body, with their defaults. */
export function requestedFields(body: { purpose?: SessionRecord['purpose']; tags?: readonly string[]; metadata?: Record<string, unknown>; access?: readonly AccessEntry[] }): Pick<SessionRecord, 'purpose' | 'tags' | 'metadata' | 'access'> {
  return {
    purpose: body.purpose ?? 'disposable',
    // Tags are a set: kept distinct and sorted.
    tags: body.tags === undefined || body.tags.length === 0 ? NO_TAGS : [...new Set(body.tags)].sort(),
    metadata: body.metadata ?? NO_METADATA,
    access: body.access ?? NO_ACCESS,
  };
}

/** A new session record with the fields every session starts with. */
export function newSession(
  store: Store,
  requested: Pick<SessionRecord, 'purpose' | 'tags' | 'metadata' | 'access'>,
  fields: Pick<SessionRecord, 'tenantId' | 'ownerId' | 'title' | 'parentSessionId' | 'forkedFromCheckpointId' | 'baseRevision' | 'head'>,
): SessionRecord {
  const now = store.clock.now();
  // Field by field, not a spread: every create and fork builds one, and all records share a shape.
  const session: SessionRecord = {
    id: store.ids.next('ses'),
    tenantId: fields.tenantId,
    ownerId: fields.ownerId,
    title: fields.title,
    purpose: requested.purpose,
    tags: requested.tags,
    metadata: requested.metadata,
    access: requested.access,
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
    detailVersion: 0,
    detailBytes: null,
    summaryVersion: 0,
    summaryBytes: null,
    summaryAt: 0,
    summaryLength: 0,
    checkpoints: NO_IDS,
    commits: NO_IDS,
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
      const content = initialContent(body.files ?? [], body.environmentSpec, store.sha256);
      if (!content.ok) return problemFrom(content);
      const root = store.graph.append([], content.value);
      const session = newSession(store, requestedFields(body), {
        tenantId: input.principal.tenantId,
        ownerId: input.principal.principalId,
        title: body.title ?? 'Untitled session',
        parentSessionId: null,
        forkedFromCheckpointId: null,
        baseRevision: null,
        head: root.id,
      });
      store.add(session);
      store.events.append(session, 'session.created', input.principal.principalId, { files: content.value.files.size });
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
      // The log's last event: it ends the session's streams and frees the log.
      store.events.append(found.value, 'session.deleted', input.principal.principalId);
      forgetBeside(store, found.value.id);
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
        const before = new Set(session.tags);
        const added = next.filter((t) => !before.has(t));
        const removed = session.tags.filter((t) => !next.includes(t));
        store.setTags(session, next);
        store.touch(session);
        store.events.append(session, 'tags.changed', input.principal.principalId, { added, removed, tags: next });
      }
      return sessionResponse(200, session);
    },
  };
}
