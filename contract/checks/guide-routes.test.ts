// Check 5: every route the product guide names, and every route the design adds, is in the document
// with a camelCase operationId, and the contract module's route matcher resolves it.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.js';
import { listOperations, readContract } from './contract-document.js';
import { fillPath } from './example-request.js';

/** One route as the guide or the design names it, with the operationId the document must give it. */
interface Route {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
}

const S = '/v1/sessions';
const ID = `${S}/{sessionId}`;

/**
 * The routes of the product guide (seed/sessions-api-guide.txt, "Sessions"), copied here so the
 * project stands alone. The guide has 14 bullets; `environmentSpec` is one bullet for GET and PUT.
 * It gives no method for commit, generateCommitSummary, :merge, :mergeFrom and the environment
 * routes; these come from design/SEMANTICS.md.
 */
const GUIDE_ROUTES: readonly Route[] = [
  { method: 'POST', path: S, operationId: 'createSession' },
  { method: 'GET', path: S, operationId: 'listSessions' },
  { method: 'GET', path: ID, operationId: 'getSession' },
  { method: 'DELETE', path: ID, operationId: 'deleteSession' },
  { method: 'POST', path: `${S}/{sourceSessionId}/fork`, operationId: 'forkSession' },
  { method: 'POST', path: `${ID}/checkpoints`, operationId: 'createCheckpoint' },
  { method: 'POST', path: `${ID}/restore`, operationId: 'restoreSession' },
  { method: 'PATCH', path: `${ID}/tags`, operationId: 'updateSessionTags' },
  { method: 'POST', path: `${ID}/commit`, operationId: 'commitSession' },
  { method: 'POST', path: `${ID}/generateCommitSummary`, operationId: 'generateCommitSummary' },
  { method: 'POST', path: `${S}/{parentSessionId}:merge`, operationId: 'mergeSession' },
  { method: 'POST', path: `${S}/{targetSessionId}:mergeFrom`, operationId: 'mergeFromSession' },
  { method: 'GET', path: `${ID}/environmentSpec`, operationId: 'getEnvironmentSpec' },
  { method: 'PUT', path: `${ID}/environmentSpec`, operationId: 'putEnvironmentSpec' },
  { method: 'POST', path: `${ID}/generateEnvironmentSpec`, operationId: 'generateEnvironmentSpec' },
];

/** The routes design/SEMANTICS.md adds (§3 files, §6 checkpoints, §7 commits, §11 review surfaces). */
const DESIGN_ROUTES: readonly Route[] = [
  { method: 'GET', path: `${ID}/files`, operationId: 'listFiles' },
  { method: 'GET', path: `${ID}/files/{filePath}`, operationId: 'getFile' },
  { method: 'PUT', path: `${ID}/files/{filePath}`, operationId: 'putFile' },
  { method: 'DELETE', path: `${ID}/files/{filePath}`, operationId: 'deleteFile' },
  { method: 'GET', path: `${ID}/checkpoints`, operationId: 'listCheckpoints' },
  { method: 'GET', path: `${ID}/checkpoints/{checkpointId}`, operationId: 'getCheckpoint' },
  { method: 'GET', path: `${ID}/commits`, operationId: 'listCommits' },
  { method: 'GET', path: `${ID}/commits/{commitId}`, operationId: 'getCommit' },
  { method: 'GET', path: `${ID}/annotations`, operationId: 'listAnnotations' },
  { method: 'POST', path: `${ID}/annotations`, operationId: 'createAnnotation' },
  { method: 'GET', path: `${ID}/annotations/{annotationId}`, operationId: 'getAnnotation' },
  { method: 'PATCH', path: `${ID}/annotations/{annotationId}`, operationId: 'updateAnnotation' },
  { method: 'DELETE', path: `${ID}/annotations/{annotationId}`, operationId: 'deleteAnnotation' },
  { method: 'GET', path: `${ID}/approvals`, operationId: 'listApprovals' },
  { method: 'POST', path: `${ID}/approvals`, operationId: 'createApproval' },
  { method: 'GET', path: `${ID}/approvals/{approvalId}`, operationId: 'getApproval' },
  { method: 'GET', path: `${ID}/cache`, operationId: 'listCacheEntries' },
  { method: 'GET', path: `${ID}/cache/{cacheKey}`, operationId: 'getCacheEntry' },
  { method: 'PUT', path: `${ID}/cache/{cacheKey}`, operationId: 'putCacheEntry' },
  { method: 'DELETE', path: `${ID}/cache/{cacheKey}`, operationId: 'deleteCacheEntry' },
  { method: 'GET', path: `${ID}/events`, operationId: 'listEvents' },
];

/** Sample path values; `filePath` holds a slash to show it travels as one encoded segment. */
const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  sessionId: 'ses_4b1e9a', sourceSessionId: 'ses_9c3d5e', parentSessionId: 'ses_4b1e9a', targetSessionId: 'ses_77aa01',
  filePath: 'src/app.ts', checkpointId: 'chk_1', commitId: 'cmt_1', annotationId: 'ann_1', approvalId: 'apr_1', cacheKey: 'lint.eslint',
};

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const key = (route: { method: string; path: string }): string => `${route.method.toUpperCase()} ${route.path}`;

describe('routes of the product guide and the design', () => {
  const documented = new Map(listOperations(readContract()).map((entry) => [key(entry), entry.operation.operationId]));
  const all = [...GUIDE_ROUTES, ...DESIGN_ROUTES];

  it('copies all 15 method+path pairs of the guide and 21 of the design, each once', () => {
    expect(GUIDE_ROUTES).toHaveLength(15);
    expect(DESIGN_ROUTES).toHaveLength(21);
    expect(new Set(all.map(key)).size).toBe(all.length);
  });

  all.forEach((route) => {
    it(`${key(route)} is in the document as ${route.operationId} and the route matcher finds it`, () => {
      const operationId = documented.get(key(route));
      expect(operationId, `${key(route)} is missing from contract/openapi.yaml`).toBe(route.operationId);
      expect(operationId).toMatch(CAMEL_CASE);

      const match = loadContract().routes.match(route.method, fillPath(route.path, SAMPLE_VALUES));
      expect(match.kind).toBe('matched');
      if (match.kind !== 'matched') return;
      expect(match.operation.operationId).toBe(route.operationId);
      expect(match.operation.pathTemplate).toBe(route.path);
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((found) => found[1] ?? '');
      expect(match.pathParams).toEqual(Object.fromEntries(names.map((name) => [name, SAMPLE_VALUES[name]])));
    });
  });

  it('has no operation beyond the guide and the design (add new routes to the design and here)', () => {
    const expected = new Set(all.map(key));
    expect([...documented.keys()].filter((route) => !expected.has(route))).toEqual([]);
  });
});
