// Drift between the contract and the client fails here: at compile time (tsc in `npm run lint`
// checks this file, and `satisfies` in operation-table.ts) and at run time against the document.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { loadContract } from '../contract/index.js';
import type { components, operations } from '../contract/generated/openapi.js';
import { OPERATIONS, type OperationEntry, type OperationId, type RouteOf } from './operation-table.js';
import type { SessionClient } from './session-client.js';

type Schemas = components['schemas'];
// Only its type is used: the compile-time checks below read `typeof _client.call<K>`.
declare const _client: SessionClient;

describe('the operation table', () => {
  it('has exactly the generated operationIds, each at its method and path (compile time)', () => {
    expectTypeOf<keyof typeof OPERATIONS>().toEqualTypeOf<keyof operations>();
    expectTypeOf<RouteOf<'getSession'>>().toEqualTypeOf<{ readonly method: 'GET'; readonly path: '/v1/sessions/{sessionId}' }>();
    expectTypeOf<RouteOf<'mergeSession'>>().toEqualTypeOf<{ readonly method: 'POST'; readonly path: '/v1/sessions/{parentSessionId}:merge' }>();
    // Every operation has exactly one route in the generated paths (none lost, none ambiguous).
    type RouteCount = { [K in OperationId]: [RouteOf<K>] extends [never] ? 'missing' : 'ok' }[OperationId];
    expectTypeOf<RouteCount>().toEqualTypeOf<'ok'>();
    // A wrong path or method for an operation does not compile: the check can fail.
    // @ts-expect-error getSession is not at /v1/sessions
    const wrongPath: OperationEntry<'getSession'> = { ...OPERATIONS.getSession, path: '/v1/sessions' };
    // @ts-expect-error getSession is not a POST
    const wrongMethod: OperationEntry<'getSession'> = { ...OPERATIONS.getSession, method: 'POST' };
    expect([wrongPath.path, wrongMethod.method]).toEqual(['/v1/sessions', 'POST']);
  });

  it('makes every operation callable through the client, typed by its operationId (compile time)', () => {
    expectTypeOf<Parameters<SessionClient['call']>[0]>().toEqualTypeOf<OperationId>();
    type Body<K extends OperationId> = Awaited<ReturnType<typeof _client.call<K>>>['data'];
    expectTypeOf<Body<'getSession'>>().toEqualTypeOf<Schemas['SessionDetail'] | undefined>(); // undefined: 304
    expectTypeOf<Body<'mergeSession'>>().toEqualTypeOf<Schemas['MergeResult']>();
    expectTypeOf<Body<'deleteSession'>>().toEqualTypeOf<undefined>();
    expectTypeOf<Body<'getFile'>>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ReturnType<typeof _client.pages<'listCheckpoints'>>>().toEqualTypeOf<AsyncGenerator<Schemas['Checkpoint'], void, undefined>>();
  });

  it('covers every operation of the contract document at its method and path (run time)', () => {
    const contract = loadContract();
    const table = Object.entries(OPERATIONS).map(([id, e]) => ({ id, method: e.method, path: e.path }));
    const document = [...contract.operations.values()].map((op) => ({ id: op.operationId, method: op.method, path: op.pathTemplate }));
    expect(table.sort((a, b) => a.id.localeCompare(b.id))).toEqual(document.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('has the traits the document gives each operation (Idempotency-Key, cursor paging, bodies)', () => {
    for (const op of loadContract().operations.values()) {
      const entry = OPERATIONS[op.operationId as OperationId];
      const has = (where: string, name: string): boolean => op.parameters.some((p) => p.in === where && p.name === name);
      expect({ id: op.operationId, key: entry.idempotencyKey, paged: entry.paged }).toEqual({ id: op.operationId, key: has('header', 'Idempotency-Key'), paged: has('query', 'cursor') });
      const bodyTypes = [...(op.requestBody?.contentTypes.keys() ?? [])];
      const body = bodyTypes.length === 0 ? 'none' : bodyTypes.includes('application/json') ? 'json' : 'bytes';
      expect({ id: op.operationId, body: entry.body }).toEqual({ id: op.operationId, body });
    }
  });
});
