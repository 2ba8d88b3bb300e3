import { createFileBlob, validatePath } from '../domain/index.js';
import type { HandlerInput, OperationHandler } from '../http/pipeline.js';
import { empty, failure, json, problemFrom, success, type Result } from '../http/respond.js';
import { etag, ifMatchPasses, ifNoneMatchHits } from '../state/conditional.js';
import type { Store } from '../state/store.js';
import { active, changeable, contentAt, cursorKey, header, pastState, pathParam, readable } from './common.js';

/** At most this many files in one session (contract/README.md, "Limits"). */
export const MAX_FILES = 100_000;

function filePath(input: HandlerInput): Result<string> {
  const path = pathParam(input, 'filePath');
  const valid = validatePath(path);
  return valid.ok ? success(path) : failure('invalid-path', `${JSON.stringify(path)}: ${valid.reason}`, { errors: [{ pointer: '#/path/filePath', message: valid.reason }] });
}

/** The file tree operations: list, read (now or in the past), write, delete. */
export function fileHandlers(store: Store): Record<string, OperationHandler> {
  return {
    listFiles(input) {
      const when = pastState(input);
      if (!when.ok) return problemFrom(when);
      const after = cursorKey(store, input);
      if (!after.ok) return problemFrom(after);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const at = contentAt(store, found.value, when.value);
      if (!at.ok) return problemFrom(at);
      const limit = input.params.query.limit as number;
      const prefix = (input.params.query.prefix as string | undefined) ?? '';
      const page = at.value.content.files.page({ after: after.value ?? null, prefix, limit });
      const items = page.entries.map(([path, blob]) => ({ path, size: blob.size, sha256: blob.sha256 }));
      return json(200, { items, nextCursor: page.nextCursor === null ? null : store.cursors.encode([page.nextCursor]), revision: at.value.revision });
    },

    getFile(input) {
      const path = filePath(input);
      if (!path.ok) return problemFrom(path);
      const when = pastState(input);
      if (!when.ok) return problemFrom(when);
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const at = contentAt(store, found.value, when.value);
      if (!at.ok) return problemFrom(at);
      const blob = at.value.content.files.get(path.value);
      if (!blob) return problemFrom(failure('file-not-found', `No file ${path.value} at revision ${at.value.revision}.`));
      if (ifNoneMatchHits(header(input, 'if-none-match'), blob.sha256)) return empty(304, { etag: etag(blob.sha256) });
      return { status: 200, headers: { 'content-type': 'application/octet-stream', etag: etag(blob.sha256) }, body: blob.bytes };
    },

    putFile(input) {
      const path = filePath(input);
      if (!path.ok) return problemFrom(path);
      // If-Match here is the file's ETag (its sha256), not the session's.
      const found = changeable(store, input, { ifMatch: false, allowRetired: true });
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const files = store.content(session.head).files;
      const current = files.get(path.value);
      if (!ifMatchPasses(header(input, 'if-match'), current?.sha256 ?? null)) return problemFrom(failure('precondition-failed', `If-Match does not match the ETag of ${path.value}.`));
      if (header(input, 'if-none-match') !== undefined && current) return problemFrom(failure('precondition-failed', `${path.value} exists and If-None-Match: * asks to create only.`));
      const isActive = active(session);
      if (!isActive.ok) return problemFrom(isActive);
      if (!current) {
        if (files.collidesWith(path.value)) return problemFrom(failure('path-collision', `${path.value} would be both a file and a directory.`));
        if (files.size >= MAX_FILES) return problemFrom(failure('file-limit-exceeded', `A session may hold at most ${MAX_FILES} files.`));
      }
      const blob = createFileBlob(input.body.kind === 'bytes' ? input.body.value : new Uint8Array(), store.bytes.copy, current, store.sha256);
      const content = store.content(session.head);
      const changed = store.advance(session, { ...content, files: files.set(path.value, blob) });
      if (changed) store.events.append(session, 'file.written', input.principal.principalId, { path: path.value, size: blob.size, sha256: blob.sha256, created: !current });
      const result = { path: path.value, size: blob.size, sha256: blob.sha256, revision: session.head, changed };
      const location = `/v1/sessions/${session.id}/files/${encodeURIComponent(path.value)}`;
      return json(current ? 200 : 201, result, current ? { etag: etag(blob.sha256) } : { etag: etag(blob.sha256), location });
    },

    deleteFile(input) {
      const path = filePath(input);
      if (!path.ok) return problemFrom(path);
      const found = changeable(store, input, { ifMatch: false, allowRetired: true });
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const content = store.content(session.head);
      const current = content.files.get(path.value);
      if (!ifMatchPasses(header(input, 'if-match'), current?.sha256 ?? null)) return problemFrom(failure('precondition-failed', `If-Match does not match the ETag of ${path.value}.`));
      const isActive = active(session);
      if (!isActive.ok) return problemFrom(isActive);
      if (!current) return problemFrom(failure('file-not-found', `No file ${path.value} in session ${session.id}.`));
      store.advance(session, { ...content, files: content.files.delete(path.value) });
      store.events.append(session, 'file.deleted', input.principal.principalId, { path: path.value });
      return empty(204);
    },
  };
}
