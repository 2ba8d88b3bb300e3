import { validatePath } from '../domain/index.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { empty, failure, json, problemFrom, success, type Result } from '../http/respond.js';
import { canChange } from '../state/access.js';
import type { AnnotationRecord, LineRange } from '../state/review-records.js';
import { compareIds } from '../state/session-book.js';
import type { SessionRecord } from '../state/session-record.js';
import type { Store } from '../state/store.js';
import { inHistory, jsonBody, pathParam, readable } from './common.js';
import { keysetPage, listCursor } from './review-common.js';

interface CreateBody {
  body: string;
  path: string;
  range: LineRange;
  revision: string;
}

/** The cursor key of an annotation list: an annotation id. */
const ANNOTATION_ID = /^ann_[0-9a-z]+$/;

/** The rules of a create body the schema cannot say: a range needs a path and must not run backwards. */
function checkCreateBody(body: Partial<CreateBody>): Result<null> {
  if (body.path !== undefined) {
    const valid = validatePath(body.path);
    if (!valid.ok) return failure('invalid-path', `path ${JSON.stringify(body.path)}: ${valid.reason}`, { errors: [{ pointer: '/path', message: valid.reason }] });
  }
  if (body.range === undefined) return success(null);
  if (body.path === undefined) return failure('validation-failed', 'A range needs a path.', { errors: [{ pointer: '/range', message: 'needs path' }] });
  if (body.range.endLine < body.range.startLine) {
    return failure('validation-failed', `endLine ${body.range.endLine} is before startLine ${body.range.startLine}.`, { errors: [{ pointer: '/range/endLine', message: 'must be >= startLine' }] });
  }
  return success(null);
}

/** The annotation named by the path, on a session the caller sees: session 404, then annotation 404. */
function locate(store: Store, input: HandlerInput): Result<{ session: SessionRecord; annotation: AnnotationRecord }> {
  const found = readable(store, input);
  if (!found.ok) return found;
  const id = pathParam(input, 'annotationId');
  const annotation = store.annotations.get(found.value.id, id);
  if (!annotation) return failure('annotation-not-found', `Session ${found.value.id} has no annotation ${id}.`);
  return success({ session: found.value, annotation });
}

/** Then 403 unless the caller is its author, or may change the session (editor, owner, tenant admin). */
function locateToChange(store: Store, input: HandlerInput): Result<{ session: SessionRecord; annotation: AnnotationRecord }> {
  const located = locate(store, input);
  if (!located.ok) return located;
  const { session, annotation } = located.value;
  if (annotation.authorId === input.principal.principalId || canChange(input.principal, session)) return located;
  return failure('forbidden', `Only the author, an editor, the owner or a tenant admin may change annotation ${annotation.id}.`);
}

/** Review notes: create, list, read, edit or resolve, delete (contract §13 "Annotations"). */
export function annotationHandlers(store: Store): Record<string, OperationHandler> {
  return {
    listAnnotations(input) {
      const after = listCursor(store, input, ANNOTATION_ID);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const status = input.params.query.status as string | undefined;
      const path = input.params.query.path as string | undefined;
      const page = keysetPage(store, store.annotations.of(found.value.id), {
        limit: input.params.query.limit as number,
        after: after.value,
        keyOf: (a) => a.id,
        past: (a, key) => compareIds(a.id, key) > 0,
        keep: (a) => (status === undefined || a.status === status) && (path === undefined || a.path === path),
      });
      return json(200, page);
    },

    createAnnotation(input) {
      // The body's own rules are request shape: 400 before any lookup (contract §6, §13).
      const body = jsonBody<CreateBody>(input);
      const rules = checkCreateBody(body);
      if (!rules.ok) return problemFrom(rules);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const revision = body.revision ?? session.head;
      if (!inHistory(store, session, revision)) return problemFrom(failure('revision-not-found', `Revision ${revision} is not in the history of session ${session.id}.`));
      if (body.path !== undefined && !store.content(revision).files.has(body.path)) {
        return problemFrom(failure('file-not-found', `No file ${body.path} at revision ${revision}.`));
      }
      const now = store.clock.now();
      const annotation: AnnotationRecord = {
        id: store.ids.next('ann'),
        sessionId: session.id,
        path: body.path ?? null,
        range: body.range ? { startLine: body.range.startLine, endLine: body.range.endLine } : null,
        revision,
        body: body.body ?? '',
        authorId: input.principal.principalId,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      store.annotations.add(annotation);
      store.events.append(session, 'annotation.created', input.principal.principalId, { annotationId: annotation.id });
      return json(201, annotation, { location: `/v1/sessions/${session.id}/annotations/${annotation.id}` });
    },

    getAnnotation(input) {
      const located = locate(store, input);
      return located.ok ? json(200, located.value.annotation) : problemFrom(located);
    },

    updateAnnotation(input) {
      const located = locateToChange(store, input);
      if (!located.ok) return problemFrom(located);
      const { session, annotation } = located.value;
      const body = jsonBody<{ body: string; status: AnnotationRecord['status'] }>(input);
      const fields: string[] = [];
      if (body.body !== undefined && body.body !== annotation.body) fields.push('body');
      if (body.status !== undefined && body.status !== annotation.status) fields.push('status');
      // Setting the values it already has changes nothing: no updatedAt move, no event.
      if (fields.length === 0) return json(200, annotation);
      if (body.body !== undefined) annotation.body = body.body;
      if (body.status !== undefined) annotation.status = body.status;
      annotation.updatedAt = store.clock.now();
      store.events.append(session, 'annotation.changed', input.principal.principalId, { annotationId: annotation.id, fields });
      return json(200, annotation);
    },

    deleteAnnotation(input) {
      const located = locateToChange(store, input);
      if (!located.ok) return problemFrom(located);
      const { session, annotation } = located.value;
      store.annotations.remove(annotation);
      store.events.append(session, 'annotation.deleted', input.principal.principalId, { annotationId: annotation.id });
      return empty(204);
    },
  };
}
