/**
 * A second validator (issue item 8): the suite runs against the real mock through Prism's
 * validating proxy (`prism proxy contract/openapi.yaml <upstream> --errors`), which checks every
 * request and response against the contract independently of the suite's own checks. The suite
 * must pass and Prism must report no violation. A positive control proves Prism does flag an
 * off-contract response here, and a last test pins what Prism itself cannot carry (README).
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTRACT_FILE } from '../../contract/checks/contract-document.js';
import { startPrismProxy, type PrismServer } from '../../contract/checks/prism-server.js';
import { InvariantSelection } from '../invariants/selection.js';
import { connect } from '../mbt/connect.js';
import { runSuite } from '../mbt/run-suite.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';
import { send, startForwarder, type Forwarder } from './test-support/forwarder.js';
import { startArbiter, type Arbiter } from './test-support/prism-arbiter.js';

/** A request with this header gets an off-schema answer from the tap behind Prism. */
const CORRUPT = 'x-test-corrupt-response';

let mock: TestMock;
let tap: Forwarder;
let prism: PrismServer;
let arbiter: Arbiter;

beforeAll(async () => {
  mock = await startMock();
  // Prism's upstream: the mock, except that it breaks the schema of answers to marked requests.
  tap = await startForwarder(async (message) => {
    const answer = await send(mock.url, message);
    if (message.headers[CORRUPT] === undefined) return answer;
    const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    return { ...answer, body: Buffer.from(JSON.stringify({ ...body, version: 'not a number' })) };
  });
  prism = await startPrismProxy(CONTRACT_FILE, tap.url, { errors: true });
  arbiter = await startArbiter(prism.origin, mock.url);
});
afterAll(async () => {
  await arbiter?.close();
  await prism?.stop();
  await tap?.close();
  await mock?.close();
});

const auth = { authorization: `Bearer ${DEMO_TOKENS.owner}` };
async function call(base: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const res = await request(base + path, { method, headers: { ...auth, ...headers }, body });
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

describe('Prism as a second validator', () => {
  test('the suite passes through prism proxy --errors and Prism reports no violation', async () => {
    const { client, ctx } = await connect({ baseUrl: arbiter.url, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection: new InvariantSelection() });
    const headers: string[] = [];
    client.listen((exchange) => {
      const sl = exchange.response.headers['sl-violations'];
      if (sl !== undefined) headers.push(`${exchange.request.method} ${exchange.request.path}: ${sl}`);
    });
    try {
      // Prism buffers a response until it ends, so it cannot carry an event stream (contract
      // README §12): the streams are left out here; the events' JSON pages go through Prism.
      const result = await runSuite(client, { ...ctx, readStreams: false }, { seed: 8080, runs: 20, maxCommands: 20, timeLimitMs: 40_000 });
      expect(result.failure?.violation ?? null).toBeNull();
      expect(result.commands).toBeGreaterThan(100);
    } finally {
      await client.close();
    }
    const { log } = arbiter;
    expect(log.responseViolations, prism.output().slice(-4000)).toEqual([]);
    expect(log.slViolations).toEqual([]);
    expect(headers).toEqual([]);
    expect(log.unhandled).toEqual([]);
    expect(log.validated).toBeGreaterThan(400);
    // The generators write bytes that are not UTF-8: those uploads went straight to the mock, and
    // only file uploads and downloads were ever taken out of Prism's hands.
    expect(log.bypassed.length).toBeGreaterThan(0);
    for (const { method, url } of log.bypassed) expect(`${method} ${url}`).toMatch(/^PUT \/v1\/sessions\/[^/]+\/files\/[^/?]+$/);
    for (const { method, url } of log.garbled) expect(`${method} ${url}`).toMatch(/^GET \/v1\/sessions\/[^/]+\/files\/[^/?]+(\?.*)?$/);
    // What Prism refused as invalid, the mock refused too: only the suite's deliberate bad requests.
    for (const refused of log.refused) {
      expect(refused.serverStatus, `${refused.method} ${refused.url}: Prism refused (${refused.type}) what the mock accepted`).toBeGreaterThanOrEqual(400);
      expect(refused.serverStatus).toBeLessThan(500);
    }
  }, 60_000);

  test('positive control: Prism flags an off-schema response (500 VIOLATIONS and sl-violations)', async () => {
    const created = await call(prism.origin, 'POST', '/v1/sessions', JSON.stringify({ title: 'control' }), { 'content-type': 'application/json' });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.body.toString('utf8')) as { id: string }).id;
    expect((await call(prism.origin, 'GET', `/v1/sessions/${id}`)).status).toBe(200);
    const flagged = await call(prism.origin, 'GET', `/v1/sessions/${id}`, undefined, { [CORRUPT]: '1' });
    expect(flagged.status).toBe(500);
    expect(flagged.body.toString('utf8')).toContain('https://stoplight.io/prism/errors#VIOLATIONS');
    expect(String(flagged.headers['sl-violations'])).toContain('version');
  });

  test('what Prism cannot carry: non-UTF-8 file bytes (both ways); empty file bodies and %2F paths are fine', async () => {
    const created = await call(mock.url, 'POST', '/v1/sessions', JSON.stringify({ title: 'bytes' }), { 'content-type': 'application/json' });
    const id = (JSON.parse(created.body.toString('utf8')) as { id: string }).id;
    const octet = { 'content-type': 'application/octet-stream' };
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);
    // %2F in a file path reaches the mock intact.
    const nested = await call(prism.origin, 'PUT', `/v1/sessions/${id}/files/${encodeURIComponent('d/e.txt')}`, 'x\n', octet);
    expect(nested.status).toBe(201);
    expect(JSON.parse(nested.body.toString('utf8'))).toMatchObject({ path: 'd/e.txt', size: 2 });
    // Non-UTF-8 bytes are decoded as UTF-8 on the way in: the mock stores U+FFFD instead (5 bytes become 11).
    const sent = await call(prism.origin, 'PUT', `/v1/sessions/${id}/files/bin`, bytes, octet);
    expect(JSON.parse(sent.body.toString('utf8'))).toMatchObject({ size: 11 });
    // … and on the way out: 5 stored bytes come back as 11, under the original ETag.
    await call(mock.url, 'PUT', `/v1/sessions/${id}/files/raw`, bytes, octet);
    const direct = await call(mock.url, 'GET', `/v1/sessions/${id}/files/raw`);
    const proxied = await call(prism.origin, 'GET', `/v1/sessions/${id}/files/raw`);
    expect(direct.body.equals(bytes)).toBe(true);
    expect(proxied.body.length).toBe(11);
    expect(proxied.headers.etag).toBe(direct.headers.etag);
    // An empty body is "no body" to Prism; the body of a file PUT is optional (an empty file), so
    // Prism forwards both forms and the mock stores empty files (contract/checks/prism-mock.test.ts
    // pins that Prism would refuse them if the body were required).
    const empty = await call(prism.origin, 'PUT', `/v1/sessions/${id}/files/empty`, Buffer.alloc(0), octet);
    expect(empty.status).toBe(201);
    expect(JSON.parse(empty.body.toString('utf8'))).toMatchObject({ size: 0 });
    const none = await call(prism.origin, 'PUT', `/v1/sessions/${id}/files/none`);
    expect(none.status).toBe(201);
    expect(JSON.parse(none.body.toString('utf8'))).toMatchObject({ size: 0 });
  });
});
