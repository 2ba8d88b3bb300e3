// The app's guards for a local dev server: Host check first, admin token or admin off, CORS rules,
// and no credential repeated in an answer or a log line. Each case fails without its guard.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { createMockCore } from '../core/mock-core.js';
import { scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { TEST_SCENARIO } from '../test-support/checked-core.js';
import type { AdminAccess } from './admin-access.js';
import type { UiAssets } from './admin-ui-routes.js';
import type { CorsPolicy } from './cors.js';
import { createMockApp } from './create-mock-app.js';
import { hostPolicy } from './host-check.js';
import type { LogEntry } from './request-log.js';

const contract = loadContract();
const isProblem = contract.schemas.component('Problem');
const ADMIN_TOKEN = 'admin-secret-0123456789';

function setup(options: { admin?: AdminAccess; cors?: CorsPolicy; ui?: UiAssets } = {}) {
  const core = createMockCore({ contract, scenario: TEST_SCENARIO, checkScenario: scenarioProblems });
  const lines: LogEntry[] = [];
  const app = createMockApp({ core, contract, hosts: hostPolicy('127.0.0.1', ['mock.test']), admin: options.admin, cors: options.cors, ui: options.ui, onRequest: (entry) => lines.push(entry) });
  const call = (request: Partial<MockRequest> & { url: string }): MockResponse & { json?: any } => {
    const response = app.handle({ method: 'GET', headers: { host: '127.0.0.1:4010' }, ...request }) as MockResponse;
    const text = typeof response.body === 'string' && (response.headers['content-type'] ?? '').includes('json') ? response.body : undefined;
    return { ...response, json: text ? JSON.parse(text) : undefined };
  };
  return { core, app, call, lines };
}

function expectProblem(response: MockResponse & { json?: any }, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.json)).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  // Admin codes are off the contract (the admin API is), so only the API's own are in its enum.
  if (code === 'admin-unauthenticated') expect(Object.keys(response.json).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
  else expect(isProblem(response.json), JSON.stringify(response.json)).toBe(true);
  expect(response.json.code).toBe(code);
  expect(response.json.type).toBe(`urn:session-api:problem:${code}`);
}

describe('Host check', () => {
  it('refuses a foreign Host with 403 host-not-allowed before the admin API, the API, auth and preflights', () => {
    const { call } = setup();
    const evil = { host: 'evil.example:4010', origin: 'http://evil.example:4010' };
    for (const request of [
      { url: '/__admin/state', headers: evil },
      { url: '/__admin/state', method: 'PUT', headers: evil, body: new TextEncoder().encode('{}') },
      { url: '/v1/sessions', headers: { ...evil, authorization: 'Bearer t-owner' } },
      { url: '/v1/sessions', headers: evil },
      { url: '/no/such/route', headers: evil },
      { url: '/v1/sessions', method: 'OPTIONS', headers: { ...evil, 'access-control-request-method': 'GET' } },
    ]) {
      const response = call(request);
      expectProblem(response, 403, 'host-not-allowed');
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-')), request.url).toEqual([]);
    }
  });

  it('answers loopback names and --allowed-hosts names', () => {
    const { call } = setup();
    for (const host of ['localhost:4010', '127.0.0.1', '[::1]:4010', 'mock.test:4010']) {
      expect(call({ url: '/v1/sessions', headers: { host, authorization: 'Bearer t-owner' } }).status, host).toBe(200);
      expect(call({ url: '/__admin/clock', headers: { host } }).status, host).toBe(200);
    }
  });

  it('leaves the state alone when it refuses a PUT /__admin/state', () => {
    const { call } = setup();
    call({ url: '/v1/sessions', method: 'POST', headers: { host: 'localhost', authorization: 'Bearer t-owner', 'content-type': 'application/json' }, body: new TextEncoder().encode('{"title":"kept"}') });
    const before = call({ url: '/__admin/state' }).json;
    const empty = JSON.stringify({ name: 'wiped', principals: before.principals, defaultToken: before.defaultToken, steps: [] });
    expectProblem(call({ url: '/__admin/state', method: 'PUT', headers: { host: 'evil.example' }, body: new TextEncoder().encode(empty) }), 403, 'host-not-allowed');
    expect(call({ url: '/__admin/state' }).json.steps).toEqual(before.steps);
  });
});

describe('admin access', () => {
  it('with --admin-token needs it as a Bearer token, and never repeats it', () => {
    const { call, lines } = setup({ admin: { kind: 'token', token: ADMIN_TOKEN } });
    for (const authorization of [undefined, 'Bearer t-admin', `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, ADMIN_TOKEN]) {
      const response = call({ url: '/__admin/state', headers: { host: 'localhost', ...(authorization ? { authorization } : {}) } });
      expectProblem(response, 401, 'admin-unauthenticated');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(String(response.body)).not.toContain(ADMIN_TOKEN.slice(0, 12));
    }
    expect(call({ url: '/__admin/state', headers: { host: 'localhost', authorization: `Bearer ${ADMIN_TOKEN}` } }).status).toBe(200);
    // The API itself is unaffected: its own tokens still work there.
    expect(call({ url: '/v1/sessions', headers: { host: 'localhost', authorization: 'Bearer t-owner' } }).status).toBe(200);
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN.slice(0, 12));
  });

  it("with --admin-token serves the UI's static files without it, and nothing else", () => {
    const ui: UiAssets = new Map([['index.html', { type: 'text/html; charset=utf-8', body: '<!doctype html>' }], ['app.js', { type: 'text/javascript; charset=utf-8', body: '// ui' }]]);
    const { call } = setup({ admin: { kind: 'token', token: ADMIN_TOKEN }, ui });
    const host = { host: 'localhost' };
    for (const url of ['/__admin/ui', '/__admin/ui/', '/__admin/ui/app.js', '/__admin/ui?x=1']) {
      for (const method of ['GET', 'HEAD']) {
        const page = call({ url, method, headers: host });
        expect(page.status, `${method} ${url}`).toBe(200);
        expect(page.headers['content-security-policy'], url).toContain("default-src 'none'");
      }
    }
    // Data routes still need it, however the path is spelled: dot segments resolve before the check.
    for (const url of ['/__admin', '/__admin/sessions', '/__admin/events', '/__admin/ui/../state', '/__admin/ui/%2e%2e/sessions', '/__admin/ui/..\\state']) {
      expectProblem(call({ url, headers: host }), 401, 'admin-unauthenticated');
    }
    // Only reads are let through: a write to a UI path is refused before it is routed.
    expectProblem(call({ url: '/__admin/ui', method: 'POST', headers: host }), 401, 'admin-unauthenticated');
    expect(call({ url: '/__admin/ui/nope.js', headers: host }).status).toBe(404);
  });

  it('with --admin off has no admin routes at all', () => {
    const { call } = setup({ admin: { kind: 'off' } });
    for (const url of ['/__admin', '/__admin/state', '/__admin/clock', '/__admin/ui', '/__admin/ui/app.js']) expect(call({ url }).status, url).toBe(404);
    expect(call({ url: '/__admin/reset', method: 'POST' }).status).toBe(404);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({ url: '/v1/sessions', method: 'OPTIONS', headers: { host: 'localhost', origin, 'access-control-request-method': 'POST' } });

  it('by default allows local origins only; a preflight from another gets no allow headers', () => {
    const { call } = setup();
    for (const local of ['http://localhost:5173', 'http://127.0.0.1:8080', 'https://[::1]:3000', 'http://localhost']) expect(call(preflight(local)).headers['access-control-allow-origin']).toBe(local);
    // Names that only start or end like a loopback name, or carry a path, are not local origins.
    for (const other of ['http://localhost.evil.example', 'http://evil-localhost:80', 'http://127.0.0.1.evil.example', 'http://localhost:5173/app', 'ftp://localhost']) expect(call(preflight(other)).headers['access-control-allow-origin']).toBeUndefined();
    const refused = call(preflight('https://evil.example'));
    expect(Object.keys(refused.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const simple = call({ url: '/v1/sessions', headers: { host: 'localhost', origin: 'https://evil.example', authorization: 'Bearer t-owner' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reflects any origin only under --cors *, and never with credentials', () => {
    const { call } = setup({ cors: { kind: 'any' } });
    const any = call(preflight('https://evil.example'));
    expect(any.headers['access-control-allow-origin']).toBe('https://evil.example');
    const answered = call({ url: '/v1/sessions', headers: { host: 'localhost', origin: 'https://evil.example', authorization: 'Bearer t-owner' } });
    for (const response of [any, answered, call(preflight('http://localhost:5173'))]) expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('with a list allows exactly the listed origins, and with off none', () => {
    const listed = setup({ cors: { kind: 'list', origins: ['https://app.example'] } });
    expect(listed.call(preflight('https://app.example')).headers['access-control-allow-methods']).toBeDefined();
    expect(listed.call(preflight('http://localhost:5173')).headers['access-control-allow-methods']).toBeUndefined();
    expect(setup({ cors: { kind: 'off' } }).call(preflight('http://localhost:5173')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('secrets in answers and logs', () => {
  it('never repeats a bearer token, valid or not, in a problem or a log line', () => {
    const { call, lines, app } = setup();
    const secret = 'wrong-token-9f8e7d6c5b4a';
    for (const url of ['/v1/sessions', '/v1/sessions/ses_nope', '/v1/sessions?limit=oops']) {
      const response = call({ url, headers: { host: 'localhost', authorization: `Bearer ${secret}` } });
      expect(String(response.body)).not.toContain(secret);
    }
    const valid = call({ url: '/v1/sessions/ses_nope', headers: { host: 'localhost', authorization: 'Bearer t-owner' } });
    expect(String(valid.body)).not.toContain('t-owner');
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(JSON.stringify(app.admin.log.list(500))).not.toContain(secret);
  });
});
