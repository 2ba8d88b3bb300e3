/**
 * Test harness: a mock core whose every response is checked against the contract. A response
 * with an undocumented status, content type, header or an off-schema body throws, so the test
 * that provoked it fails; so does any 5xx.
 */
import { isJsonContentType, loadContract } from '../../contract/index.js';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { createMockCore, type MockCore, type MockCoreOptions } from '../core/mock-core.js';
import type { Scenario } from '../core/scenario/scenario.js';

/** A small token table: two tenants, an admin, an editor, a viewer and an outsider. */
export const TEST_SCENARIO: Scenario = {
  name: 'test',
  principals: [
    { token: 't-owner', principalId: 'usr_owner', tenantId: 'acme' },
    { token: 't-editor', principalId: 'usr_editor', tenantId: 'acme' },
    { token: 't-viewer', principalId: 'usr_viewer', tenantId: 'acme' },
    { token: 't-nobody', principalId: 'usr_nobody', tenantId: 'acme' },
    { token: 't-admin', principalId: 'usr_admin', tenantId: 'acme', admin: true },
    { token: 't-other', principalId: 'usr_other', tenantId: 'globex' },
  ],
  defaultToken: 't-owner',
  steps: [],
};

/** A request as tests write it. */
export interface TestRequest {
  readonly token?: string | null;
  readonly json?: unknown;
  readonly body?: Uint8Array | string;
  readonly headers?: Record<string, string>;
}

/** A response as tests read it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, else undefined. */
  readonly json: any;
  readonly bytes: Uint8Array;
}

/** Checks one core response against the contract; returns the violations. */
export function contractViolations(request: MockRequest, response: MockResponse): string[] {
  const contract = loadContract();
  const violations: string[] = [];
  // 501 is documented for the optional review surfaces; any other 5xx is a bug, except:
  // 507 is documented on every write, for a journal that cannot be written (tests inject one).
  if (response.status >= 500 && response.status !== 501 && !(response.status === 507 && response.problemCode === 'storage-failed')) violations.push(`5xx answered: ${response.status}`);
  const type = response.headers['content-type'] ?? '';
  const text = response.body === undefined ? undefined : typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
  const body: unknown = text !== undefined && isJsonContentType(type) ? JSON.parse(text) : response.body;
  const match = contract.routes.match(request.method, request.url.split('?')[0] ?? '/');
  if (match.kind === 'matched') {
    violations.push(...contract.responses.check(match.operation, { status: response.status, headers: response.headers, body }).map((v) => v.message));
  } else {
    if (type !== 'application/problem+json') violations.push(`unrouted ${request.method} ${request.url} answered ${type}`);
    else if (!contract.schemas.component('Problem')(body)) violations.push(`unrouted answer is not a Problem: ${text ?? ''}`);
  }
  return violations;
}

/** A core wrapped so that tests speak in method/path/json and every answer is contract-checked. */
export interface CheckedCore {
  readonly core: MockCore;
  send(method: string, url: string, request?: TestRequest): TestResponse;
}

/** Wraps an existing core. */
export function checked(core: MockCore, defaultToken = 't-owner'): CheckedCore {
  return {
    core,
    send(method, url, request = {}) {
      const headers: Record<string, string> = {};
      const token = request.token === undefined ? defaultToken : request.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: Uint8Array | undefined;
      if (request.json !== undefined) {
        body = new TextEncoder().encode(JSON.stringify(request.json));
        headers['content-type'] = 'application/json';
      } else if (request.body !== undefined) {
        body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
        headers['content-type'] = 'application/octet-stream';
      }
      for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
      const mockRequest: MockRequest = { method, url, headers, body };
      const response = core.handle(mockRequest);
      const violations = contractViolations(mockRequest, response);
      if (violations.length > 0) throw new Error(`contract violation on ${method} ${url}:\n  ${violations.join('\n  ')}`);
      const bytes = response.body === undefined ? new Uint8Array() : typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body;
      const type = response.headers['content-type'] ?? '';
      const json: unknown = bytes.length > 0 && isJsonContentType(type) ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
      return { status: response.status, headers: response.headers, json, bytes };
    },
  };
}

/** A fresh contract-checked core over {@link TEST_SCENARIO} (or the given scenario). */
export function checkedCore(options: Partial<MockCoreOptions> = {}): CheckedCore {
  const core = createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, ...options });
  return checked(core, (options.scenario ?? TEST_SCENARIO).defaultToken);
}
