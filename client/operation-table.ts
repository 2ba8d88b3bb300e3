import type { operations, paths } from '../contract/generated/openapi.js';

/** The HTTP methods the contract uses. */
export type OperationMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

/** Every operationId of the contract (from the generated `operations` type). */
export type OperationId = keyof operations;

/**
 * The routes whose generated operation type is exactly `operations[K]`: the one the table may
 * name for K. Both directions are checked, so an operation that moved to another path or method
 * (or changed shape) no longer fits its old entry and the table stops compiling.
 */
export type RouteOf<K extends OperationId> = {
  [P in keyof paths]: {
    [M in OperationMethod]: Lowercase<M> extends keyof paths[P]
      ? [paths[P][Lowercase<M>]] extends [operations[K]]
        ? [operations[K]] extends [paths[P][Lowercase<M>]]
          ? { readonly method: M; readonly path: P }
          : never
        : never
      : never;
  }[OperationMethod];
}[keyof paths];

/** How the client sends and reads an operation beyond its method and path. */
export interface OperationTraits {
  /** The operation takes `Idempotency-Key` (every POST): the client retries it with one key. */
  readonly idempotencyKey: boolean;
  /** `json` bodies are serialised; `bytes` bodies (a file) go as they are. */
  readonly body: 'none' | 'json' | 'bytes';
  /** How the success body is read by default: JSON, the file's bytes as text (`parseAs: 'arrayBuffer'` reads them raw), or nothing (204). */
  readonly response: 'json' | 'text' | 'none';
  /** Lists paged with `cursor`/`nextCursor` (contract §10); {@link pages} iterates them. */
  readonly paged: boolean;
}

/** A table entry: the route of operation K and its traits. */
export type OperationEntry<K extends OperationId> = RouteOf<K> & OperationTraits;

const get = { idempotencyKey: false, body: 'none', response: 'json', paged: false } as const;
const list = { ...get, paged: true } as const;
const post = { idempotencyKey: true, body: 'json', response: 'json', paged: false } as const;
const put = { idempotencyKey: false, body: 'json', response: 'json', paged: false } as const;
const remove = { idempotencyKey: false, body: 'none', response: 'none', paged: false } as const;

/**
 * Every operation of the contract with its method and path. `satisfies` makes this the drift
 * check: a new operationId without an entry, an entry for an operation that is gone, or a path or
 * method that no longer matches the generated types is a compile error here.
 */
export const OPERATIONS = {
  listSessions: { method: 'GET', path: '/v1/sessions', ...list },
  createSession: { method: 'POST', path: '/v1/sessions', ...post },
  getSession: { method: 'GET', path: '/v1/sessions/{sessionId}', ...get },
  deleteSession: { method: 'DELETE', path: '/v1/sessions/{sessionId}', ...remove },
  forkSession: { method: 'POST', path: '/v1/sessions/{sourceSessionId}/fork', ...post },
  listFiles: { method: 'GET', path: '/v1/sessions/{sessionId}/files', ...list },
  getFile: { method: 'GET', path: '/v1/sessions/{sessionId}/files/{filePath}', ...get, response: 'text' },
  putFile: { method: 'PUT', path: '/v1/sessions/{sessionId}/files/{filePath}', ...put, body: 'bytes' },
  deleteFile: { method: 'DELETE', path: '/v1/sessions/{sessionId}/files/{filePath}', ...remove },
  listCheckpoints: { method: 'GET', path: '/v1/sessions/{sessionId}/checkpoints', ...list },
  createCheckpoint: { method: 'POST', path: '/v1/sessions/{sessionId}/checkpoints', ...post },
  getCheckpoint: { method: 'GET', path: '/v1/sessions/{sessionId}/checkpoints/{checkpointId}', ...get },
  restoreSession: { method: 'POST', path: '/v1/sessions/{sessionId}/restore', ...post },
  updateSessionTags: { method: 'PATCH', path: '/v1/sessions/{sessionId}/tags', ...put },
  generateCommitSummary: { method: 'POST', path: '/v1/sessions/{sessionId}/generateCommitSummary', ...post },
  commitSession: { method: 'POST', path: '/v1/sessions/{sessionId}/commit', ...post },
  listCommits: { method: 'GET', path: '/v1/sessions/{sessionId}/commits', ...list },
  getCommit: { method: 'GET', path: '/v1/sessions/{sessionId}/commits/{commitId}', ...get },
  mergeSession: { method: 'POST', path: '/v1/sessions/{parentSessionId}:merge', ...post },
  mergeFromSession: { method: 'POST', path: '/v1/sessions/{targetSessionId}:mergeFrom', ...post },
  getEnvironmentSpec: { method: 'GET', path: '/v1/sessions/{sessionId}/environmentSpec', ...get },
  putEnvironmentSpec: { method: 'PUT', path: '/v1/sessions/{sessionId}/environmentSpec', ...put },
  generateEnvironmentSpec: { method: 'POST', path: '/v1/sessions/{sessionId}/generateEnvironmentSpec', ...post },
  listAnnotations: { method: 'GET', path: '/v1/sessions/{sessionId}/annotations', ...list },
  createAnnotation: { method: 'POST', path: '/v1/sessions/{sessionId}/annotations', ...post },
  getAnnotation: { method: 'GET', path: '/v1/sessions/{sessionId}/annotations/{annotationId}', ...get },
  deleteAnnotation: { method: 'DELETE', path: '/v1/sessions/{sessionId}/annotations/{annotationId}', ...remove },
  updateAnnotation: { method: 'PATCH', path: '/v1/sessions/{sessionId}/annotations/{annotationId}', ...put },
  listApprovals: { method: 'GET', path: '/v1/sessions/{sessionId}/approvals', ...list },
  createApproval: { method: 'POST', path: '/v1/sessions/{sessionId}/approvals', ...post },
  getApproval: { method: 'GET', path: '/v1/sessions/{sessionId}/approvals/{approvalId}', ...get },
  listCacheEntries: { method: 'GET', path: '/v1/sessions/{sessionId}/cache', ...list },
  getCacheEntry: { method: 'GET', path: '/v1/sessions/{sessionId}/cache/{cacheKey}', ...get },
  putCacheEntry: { method: 'PUT', path: '/v1/sessions/{sessionId}/cache/{cacheKey}', ...put },
  deleteCacheEntry: { method: 'DELETE', path: '/v1/sessions/{sessionId}/cache/{cacheKey}', ...remove },
  // The JSON page form; the stream form is followEvents (event-stream.ts).
  listEvents: { method: 'GET', path: '/v1/sessions/{sessionId}/events', ...get },
} as const satisfies { readonly [K in OperationId]: OperationEntry<K> };

/** The operations paged with `cursor` / `nextCursor`. */
export type PagedOperationId = {
  [K in OperationId]: (typeof OPERATIONS)[K]['paged'] extends true ? K : never;
}[OperationId];

/** The operations whose body is a file's bytes, sent as they are (see `FileBytes`). */
export type BytesOperationId = {
  [K in OperationId]: (typeof OPERATIONS)[K]['body'] extends 'bytes' ? K : never;
}[OperationId];
