// The admin API: bad input gets a 4xx problem+json and changes nothing; HEAD answers wherever GET does.
import { request as httpRequest } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { loadContract } from '../../contract/index.js';
import type { MockResponse } from '../core/http/messages.js';
import { createMockCore, type MockCore } from '../core/mock-core.js';
import { scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { createMockServer } from '../server/create-mock-server.js';
import { TEST_SCENARIO } from '../test-support/checked-core.js';
import { handleAdmin, type AdminState } from './admin-routes.js';
import { NO_FAULTS } from './faults.js';
import { RequestLog } from './request-log.js';

const contract = loadContract();
const isProblem = contract.schemas.component('Problem');

/** A core over the test principals, its admin state, and a way to call the admin API. */
function setup(core: MockCore = createMockCore({ contract, scenario: TEST_SCENARIO, checkScenario: scenarioProblems })) {
  const state: AdminState = { faults: NO_FAULTS, log: new RequestLog() };
  const admin = (method: string, url: string, body?: string) => {
    const response: MockResponse = handleAdmin(core, state, { method, url, headers: {}, body: body === undefined ? undefined : new TextEncoder().encode(body) }, contract);
    const text = typeof response.body === 'string' ? response.body : undefined;
    return { ...response, json: text ? JSON.parse(text) : undefined };
  };
  const createSession = (): string => {
    const created = core.handle({ method: 'POST', url: '/v1/sessions', headers: { authorization: 'Bearer t-owner', 'content-type': 'application/json' }, body: new TextEncoder().encode('{"title":"kept"}') });
    expect(created.status).toBe(201);
    return (JSON.parse(created.body as string) as { id: string }).id;
  };
  const sessionStatus = (id: string): number => core.handle({ method: 'GET', url: `/v1/sessions/${id}`, headers: { authorization: 'Bearer t-owner' } }).status;
  return { core, state, admin, createSession, sessionStatus };
}

/** Asserts a 4xx problem+json with this code and returns its body. */
function expectProblem(response: { status: number; headers: Readonly<Record<string, string>>; json: any }, status: number, code: string) {
  expect(response.status, JSON.stringify(response.json)).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(isProblem(response.json), JSON.stringify(response.json)).toBe(true);
  expect(response.json.code).toBe(code);
  return response.json;
}

/** A scenario over the test principals with these steps, as JSON text. */
function scenarioText(steps: string): string {
  return `{"name":"x","principals":${JSON.stringify(TEST_SCENARIO.principals)},"defaultToken":"t-owner","steps":[${steps}]}`;
}

describe('PUT /__admin/state', () => {
  it('refuses a step with invalid base64 by the schema, naming the step, and keeps the state', () => {
    const { admin, createSession, sessionStatus } = setup();
    const id = createSession();
    const problem = expectProblem(admin('PUT', '/__admin/state', scenarioText('{"method":"POST","path":"/v1/sessions","json":{}},{"method":"PUT","path":"/v1/sessions/x/files/a","base64":"!!!"}')), 400, 'validation-failed');
    expect(problem.detail).toMatch(/\/steps\/1\/base64 must match pattern .*canonical base64/);
    expect(sessionStatus(id)).toBe(200);
  });

  it('refuses base64 the schema pattern lets through (unpadded) at replay, naming the step', () => {
    const { admin, createSession, sessionStatus } = setup();
    const id = createSession();
    const problem = expectProblem(admin('PUT', '/__admin/state', scenarioText('{"method":"PUT","path":"/v1/sessions/x/files/a","base64":"YQ"}')), 400, 'validation-failed');
    expect(problem.detail).toMatch(/step 0 \(PUT \/v1\/sessions\/x\/files\/a\): base64 is not canonical/);
    expect(sessionStatus(id)).toBe(200);
  });

  it('refuses a step whose json nests 20,000 deep, naming the step, and keeps the state', () => {
    const { admin, createSession, sessionStatus } = setup();
    const id = createSession();
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const problem = expectProblem(admin('PUT', '/__admin/state', scenarioText(`{"method":"POST","path":"/v1/sessions","json":{}},{"method":"POST","path":"/v1/sessions","json":${deep}}`)), 400, 'validation-failed');
    expect(problem.detail).toMatch(/step 1 \(POST \/v1\/sessions\): json nests more than \d+ levels deep/);
    expect(sessionStatus(id)).toBe(200);
  });

  it('keeps importing an export after many export/import round trips', () => {
    const { admin, createSession, sessionStatus } = setup();
    const id = createSession();
    for (let round = 0; round < 40; round += 1) {
      const exported = admin('GET', '/__admin/state');
      expect(exported.json.name).toBe('test-export');
      expect(admin('PUT', '/__admin/state', exported.body as string).status, `round ${round}`).toBe(204);
    }
    expect(sessionStatus(id)).toBe(200);
  });
});

describe('PUT /__admin/faults', () => {
  const put = (admin: ReturnType<typeof setup>['admin'], body: unknown) => admin('PUT', '/__admin/faults', JSON.stringify(body));

  it('refuses a rule naming an operation the contract does not have, and keeps the faults set before', () => {
    const { admin } = setup();
    const before = { latency: null, errors: [{ operationId: 'getSession', status: 503, rate: 0.5 }] };
    expect(put(admin, before).status).toBe(200);
    const problem = expectProblem(put(admin, { errors: [{ operationId: '*', status: 500, rate: 0 }, { operationId: 'getSesion', status: 503, rate: 1 }] }), 400, 'validation-failed');
    expect(problem.detail).toContain('"getSesion"');
    expect(problem.errors).toEqual([{ pointer: '/errors/1/operationId', message: expect.stringContaining('getSesion') }]);
    expect(admin('GET', '/__admin/faults').json).toEqual(before);
  });

  it.each([
    ['an unknown member in a rule', { errors: [{ operationId: 'getSession', status: 503, rate: 1, note: 'x' }] }, '/errors/0/note'],
    ['an unknown member in latency', { latency: { minMs: 1, maxMs: 2, jitter: 3 } }, '/latency/jitter'],
    ['an unknown top-level member (a typo that would set nothing)', { error: [{ operationId: 'getSession', status: 503, rate: 1 }] }, '/error'],
  ])('refuses %s', (_, body, pointer) => {
    const { admin } = setup();
    const problem = expectProblem(put(admin, body), 400, 'validation-failed');
    expect(problem.errors[0].pointer).toBe(pointer);
    expect(admin('GET', '/__admin/faults').json).toEqual(NO_FAULTS);
  });

  it('accepts "*" and every operationId of the contract', () => {
    const { admin } = setup();
    const errors = [{ operationId: '*', status: 500, rate: 0 }, ...[...contract.operations.keys()].map((operationId) => ({ operationId, status: 503, rate: 0.1 }))];
    const set = put(admin, { latency: { minMs: 0, maxMs: 5 }, errors });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ latency: { minMs: 0, maxMs: 5 }, errors });
  });
});

describe('GET /__admin/requests', () => {
  function withEntries(count: number) {
    const context = setup();
    for (let i = 0; i < count; i += 1) context.state.log.add({ atMs: i, method: 'GET', url: `/v1/sessions?n=${i}`, status: 200, durationMs: 0, code: undefined });
    return context;
  }

  it.each(['abc', '0', '-3', '2.5', '', '1e2', '501'])('refuses ?limit=%s with 400 problem+json', (limit) => {
    const { admin } = withEntries(120);
    const problem = expectProblem(admin('GET', `/__admin/requests?limit=${limit}`), 400, 'validation-failed');
    expect(problem.detail).toContain('limit must be an integer from 1 to 500');
    expect(problem.errors[0].pointer).toBe('#/query/limit');
  });

  it('answers 1 up to the log capacity, and 100 when no limit is given', () => {
    const { admin } = withEntries(600);
    expect(admin('GET', '/__admin/requests?limit=1').json.items).toEqual([expect.objectContaining({ url: '/v1/sessions?n=599' })]);
    expect(admin('GET', '/__admin/requests?limit=500').json.items).toHaveLength(500);
    expect(admin('GET', '/__admin/requests').json.items).toHaveLength(100);
  });
});

describe('HEAD on the admin API', () => {
  it('answers HEAD wherever GET answers, with the same status and content type', () => {
    const { admin } = setup();
    for (const path of ['/__admin', '/__admin/', '/__admin/state', '/__admin/faults', '/__admin/requests', '/__admin/requests?limit=3']) {
      const get = admin('GET', path);
      const head = admin('HEAD', path);
      expect(head.status, path).toBe(200);
      expect(head.status, path).toBe(get.status);
      expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
    }
    expectProblem(admin('HEAD', '/__admin/requests?limit=abc'), 400, 'validation-failed');
    expectProblem(admin('HEAD', '/__admin/reset'), 405, 'method-not-allowed');
    expectProblem(admin('HEAD', '/__admin/nothing'), 404, 'route-not-found');
  });

  it('does not export the state to answer HEAD /__admin/state', () => {
    const base = createMockCore({ contract, scenario: TEST_SCENARIO });
    const exportState = vi.fn(() => base.exportState());
    const { admin } = setup({ ...base, exportState });
    expect(admin('HEAD', '/__admin/state').status).toBe(200);
    expect(exportState).not.toHaveBeenCalled();
  });

  it('lists HEAD in Allow where GET is allowed', () => {
    const { admin } = setup();
    expect(expectProblem(admin('POST', '/__admin/state'), 405, 'method-not-allowed').detail).toBe('Use GET, HEAD, PUT.');
    expect(admin('POST', '/__admin/state').headers.allow).toBe('GET, HEAD, PUT');
    expect(admin('DELETE', '/__admin').headers.allow).toBe('GET, HEAD');
  });

  it('tells a readiness probe over HTTP that the mock serves', async () => {
    const server = await createMockServer({ fixtures: null });
    try {
      for (const url of [server.adminUrl, `${server.adminUrl}/state`, `${server.adminUrl}/requests`]) {
        const head = await httpRequest(url, { method: 'HEAD' });
        expect(head.statusCode, url).toBe(200);
        expect(head.headers['content-type'], url).toBe('application/json');
        expect(await head.body.text(), url).toBe('');
      }
    } finally {
      await server.close();
    }
  });
});
