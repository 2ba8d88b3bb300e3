// What node:http's parser refuses, before any route is known, is answered problem+json like the
// rest (400 malformed-request, 431 headers-too-large), then the connection closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { parseReply, rawExchangeWith, type ParsedReply } from '../test-support/raw-http.js';
import { createMockServer, type MockServer } from './create-mock-server.js';

let server: MockServer;
const isProblem = loadContract().schemas.component('Problem');

beforeAll(async () => {
  server = await createMockServer({ fixtures: null });
});
afterAll(async () => {
  await server.close();
});

/** Sends raw bytes; resolves with the status, headers and JSON body the server sent before closing. */
async function exchange(bytes: Buffer | string): Promise<ParsedReply> {
  return parseReply((await rawExchangeWith(server.url, bytes)).text);
}

describe('requests node:http cannot parse', () => {
  it.each([
    ['an unknown method', 'BREW /v1/sessions HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['raw non-ASCII bytes in the path', Buffer.concat([Buffer.from('GET /v1/sessions/'), Buffer.from([0xc3, 0xa9]), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n')])],
    ['a Content-Length that is not a number', 'POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n'],
    ['Content-Length and Transfer-Encoding together', 'POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ])('answers %s with 400 malformed-request, pointing at #/request', async (_label, bytes) => {
    const reply = await exchange(bytes);
    expect(reply.status).toBe(400);
    expect(reply.headers).toMatchObject({ 'content-type': 'application/problem+json', connection: 'close' });
    expect(reply.headers.server).toMatch(/^session-mock\//);
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(reply.json)));
    expect(isProblem(reply.json), JSON.stringify(reply.json)).toBe(true);
    expect(reply.json).toMatchObject({ status: 400, code: 'malformed-request', type: 'urn:session-api:problem:malformed-request', errors: [{ pointer: '#/request' }] });
  });

  it('answers a request line and headers over 16 KiB with 431 headers-too-large', async () => {
    const reply = await exchange(`GET /v1/sessions?${'q'.repeat(20 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(reply.status).toBe(431);
    expect(reply.headers).toMatchObject({ 'content-type': 'application/problem+json', connection: 'close' });
    expect(isProblem(reply.json)).toBe(true);
    expect(reply.json).toMatchObject({ status: 431, code: 'headers-too-large' });
    const longHeader = await exchange(`GET /v1/sessions HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'h'.repeat(17 * 1024)}\r\n\r\n`);
    expect(longHeader.json).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('still serves the next connection', async () => {
    await exchange('BREW / HTTP/1.1\r\n\r\n');
    const reply = await exchange('GET /__admin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(reply.status).toBe(200);
  });
});
