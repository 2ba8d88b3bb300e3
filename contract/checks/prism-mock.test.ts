// Check 4: Prism (a peer tool a client team may mock with) serves every operation of the document,
// and the custom methods `:merge` / `:mergeFrom` behave as contract/README.md §12 says.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContract } from '../index.js';
import { CONTRACT_FILE, isObject, listOperations, readContract, responsesOf } from './contract-document.js';
import { exampleRequest } from './example-request.js';
import { startPrism } from './prism-server.js';
import type { ExampleRequest } from './example-request.js';
import type { PrismServer } from './prism-server.js';

const MERGE = '/v1/sessions/{parentSessionId}:merge';
const MERGE_FROM = '/v1/sessions/{targetSessionId}:mergeFrom';
const AUTH = { authorization: 'Bearer demo-ana' };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };

/** What the checks need from one answer. */
interface Answer {
  readonly status: number;
  /** Prism's own request-validation findings (`sl-violations` header) as `location: message`. */
  readonly violations: string[];
  readonly body: string;
}

/** Sends one request to Prism and reads the whole answer. */
async function send(origin: string, req: ExampleRequest): Promise<Answer> {
  const response = await request(origin + req.path, {
    method: req.method,
    headers: { ...AUTH, ...req.headers },
    body: req.body ?? null,
    headersTimeout: 5_000,
    bodyTimeout: 5_000,
  });
  const body = await response.body.text();
  const header = response.headers['sl-violations'];
  const parsed: unknown = typeof header === 'string' ? JSON.parse(header) : [];
  const violations = (Array.isArray(parsed) ? parsed : []).map((v: unknown) =>
    isObject(v) ? `${Array.isArray(v.location) ? v.location.join('.') : '?'}: ${String(v.message)}` : String(v),
  );
  return { status: response.statusCode, violations, body };
}

/** True when `status` is listed for the operation, directly, as a range (`4XX`) or via `default`. */
function isDocumented(documented: readonly string[], status: number): boolean {
  return documented.some((key) => key === String(status) || key === `${String(status)[0]}XX` || key === 'default');
}

describe('Prism mock of contract/openapi.yaml', () => {
  const doc = readContract();
  let prism: PrismServer | undefined;

  beforeAll(async () => {
    prism = await startPrism(CONTRACT_FILE);
  }, 30_000);

  afterAll(async () => {
    await prism?.stop();
  });

  /** The running Prism's origin; fails the test when it did not start. */
  const origin = (): string => {
    if (!prism) throw new Error('prism did not start');
    return prism.origin;
  };

  listOperations(doc).forEach((entry) => {
    const req = exampleRequest(doc, entry);
    const documented = [...responsesOf(doc, entry).keys()];
    it(`${String(entry.operation.operationId)}: ${req.method} ${req.path} gets a documented status`, async () => {
      const answer = await send(origin(), req);
      expect(answer.violations, 'Prism refused the example request').toEqual([]);
      expect(isDocumented(documented, answer.status), `${answer.status} is not in ${documented.join(',')}: ${answer.body}`).toBe(true);
    });
  });

  describe('custom methods (finding for Prism 5.14: served when the colon is sent literally)', () => {
    const body = JSON.stringify({ sourceSessionId: 'ses_9c3d5e', retireSource: true });

    it('routes a literal `:merge` / `:mergeFrom` to its own operation and extracts the id', async () => {
      // `retireSource` exists only in MergeRequest: accepted on :merge, refused on :mergeFrom, which
      // shows Prism picked mergeFromSession (not mergeSession, whose pattern also matches).
      const merge = await send(origin(), { method: 'POST', path: '/v1/sessions/ses_4b1e9a:merge', headers: JSON_HEADERS, body });
      expect(merge.violations).toEqual([]);
      expect(merge.status).toBe(200);
      const mergeFrom = await send(origin(), { method: 'POST', path: '/v1/sessions/ses_4b1e9a:mergeFrom', headers: JSON_HEADERS, body });
      expect(mergeFrom.violations).toEqual(["request.body: Request body must NOT have additional properties; found 'retireSource'"]);
      const badId = await send(origin(), { method: 'POST', path: '/v1/sessions/bad.id:merge', headers: JSON_HEADERS, body });
      expect(badId.violations).toEqual([expect.stringMatching(/^request\.path\.parentsessionid: .*must match pattern/)]);
    });

    it('does not serve a percent-encoded colon (`%3A`), and neither does the contract', async () => {
      const answer = await send(origin(), { method: 'POST', path: '/v1/sessions/ses_4b1e9a%3Amerge', headers: JSON_HEADERS, body });
      // Prism matches the route on the decoded path but cannot take the id out of the raw one: its
      // 422 carries the document's 422 example, so only `sl-violations` tells the two apart.
      expect(answer.status).toBe(422);
      expect(answer.violations).toEqual(["request.path: Request path must have required property 'parentsessionid'"]);
      const match = loadContract().routes.match('POST', '/v1/sessions/ses_4b1e9a%3Amerge');
      expect(match.kind === 'matched' ? match.operation.operationId : match.kind).not.toBe('mergeSession');
    });

    it('answers `GET …:merge` as getSession with a bad id (400), where the contract says 405', async () => {
      const answer = await send(origin(), { method: 'GET', path: '/v1/sessions/ses_4b1e9a:merge', headers: {} });
      expect(answer.status).toBe(400);
      expect(answer.violations).toEqual([expect.stringMatching(/^request\.path\.sessionid: .*must match pattern/)]);
      expect(loadContract().routes.match('GET', '/v1/sessions/ses_4b1e9a:merge')).toEqual({ kind: 'method-not-allowed', allow: ['POST'] });
    });
  });
});

describe('Prism and the order of `:merge` / `:mergeFrom` in the document', () => {
  it('lists :merge before :mergeFrom (Prism routes `x:mergeFrom` to the later of the two)', () => {
    const paths = Object.keys(readContract().paths as object);
    expect(paths.indexOf(MERGE)).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf(MERGE)).toBeLessThan(paths.indexOf(MERGE_FROM));
  });

  it('routes `x:mergeFrom` to mergeSession when :mergeFrom comes first', async () => {
    const doc = readContract();
    const paths = doc.paths as Record<string, unknown>;
    const reordered: Record<string, unknown> = {};
    for (const key of [MERGE_FROM, ...Object.keys(paths)]) reordered[key] ??= paths[key];
    doc.paths = reordered;
    const dir = mkdtempSync(join(tmpdir(), 'prism-order-'));
    const file = join(dir, 'reordered.yaml');
    writeFileSync(file, stringify(doc));
    const prism = await startPrism(file);
    try {
      const body = JSON.stringify({ sourceSessionId: 'ses_9c3d5e' });
      const answer = await send(prism.origin, { method: 'POST', path: '/v1/sessions/ses_4b1e9a:mergeFrom', headers: JSON_HEADERS, body });
      expect(answer.status).toBe(422);
      expect(answer.violations).toEqual(["request.path: Request path must have required property 'parentsessionid'"]);
    } finally {
      await prism.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('Prism and empty bodies (contract/README.md §12)', () => {
  /** An empty file PUT to a Prism mock of `document`: once with `Content-Length: 0`, once with no body. */
  async function emptyPuts(document: string): Promise<Answer[]> {
    const prism = await startPrism(document);
    try {
      const path = '/v1/sessions/ses_4b1e9a/files/empty.txt';
      return [
        await send(prism.origin, { method: 'PUT', path, headers: { 'content-type': 'application/octet-stream' }, body: '' }),
        await send(prism.origin, { method: 'PUT', path, headers: {} }),
      ];
    } finally {
      await prism.stop();
    }
  }

  it('takes an empty file PUT, in both forms, against this document (the body is optional)', async () => {
    for (const answer of await emptyPuts(CONTRACT_FILE)) {
      expect(answer.violations).toEqual([]);
      expect([200, 201]).toContain(answer.status);
    }
  }, 30_000);

  it('refuses it when the body is marked required: to Prism `Content-Length: 0` is no body', async () => {
    const doc = readContract();
    const putFile = ((doc.paths as Record<string, Record<string, { requestBody: { required: boolean } }>>)['/v1/sessions/{sessionId}/files/{filePath}'])?.put;
    if (!putFile) throw new Error('putFile is not where this test looks for it');
    putFile.requestBody.required = true;
    const dir = mkdtempSync(join(tmpdir(), 'prism-empty-'));
    const file = join(dir, 'required-body.yaml');
    writeFileSync(file, stringify(doc));
    try {
      for (const answer of await emptyPuts(file)) {
        // The mock answers the document's 400; `prism proxy --errors` answers 422 (second-validator).
        expect(answer.status).toBe(400);
        expect(answer.violations).toEqual(["request: Body parameter is required"]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
