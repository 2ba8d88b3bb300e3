// The node:http adapter on its own: how request bodies are read and how responses are written.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRequest } from '../core/http/messages.js';
import { rawExchange as rawExchangeAt } from '../test-support/raw-http.js';
import { MAX_REQUEST_BYTES, requestListener } from './node-adapter.js';

let server: Server;
let url: string;
const seen: MockRequest[] = [];

/** Answers with what it received, so a test sees the core request the adapter built. */
function echo(received: MockRequest) {
  seen.push(received);
  const digest = { method: received.method, url: received.url, bytes: received.body?.length ?? 0, text: new TextDecoder().decode(received.body ?? new Uint8Array()).slice(0, 64) };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(digest) };
}

beforeAll(async () => {
  server = createServer(requestListener(echo, { headers: { server: 'adapter-test' } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends raw bytes and resolves with everything the server answers before it closes the socket. */
async function rawExchange(target: Server, text: string): Promise<string> {
  return (await rawExchangeAt((target.address() as AddressInfo).port, text)).text;
}

async function* chunksOf(parts: readonly string[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield Buffer.from(part);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('requestListener', () => {
  it('hands the core lower-case headers, the raw URL, and no body for a GET', async () => {
    const response = await request(`${url}/v1/sessions?limit=2`, { headers: { 'X-Trace-Id': 'abc' } });
    expect(await response.body.json()).toEqual({ method: 'GET', url: '/v1/sessions?limit=2', bytes: 0, text: '' });
    expect(response.headers.server).toBe('adapter-test');
    const last = seen.at(-1);
    expect(last?.headers['x-trace-id']).toBe('abc');
    expect(last?.body).toBeUndefined();
  });

  it('joins a chunked body sent in several writes, byte for byte', async () => {
    const parts = ['{"title":', '"héllo', ' wörld"', '}'];
    const response = await request(`${url}/v1/sessions`, { method: 'POST', body: Readable.from(chunksOf(parts)), headers: { 'content-type': 'application/json' } });
    const expected = Buffer.from(parts.join(''));
    expect(await response.body.json()).toEqual({ method: 'POST', url: '/v1/sessions', bytes: expected.length, text: parts.join('') });
    expect(Buffer.from(seen.at(-1)?.body ?? new Uint8Array()).equals(expected)).toBe(true);
  });

  it('hands over a Content-Length body that arrives in several packets once the last byte is in', async () => {
    const port = (server.address() as AddressInfo).port;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /split HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nhello');
        setTimeout(() => socket.write('world'), 30);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.once('end', () => resolve(text));
      socket.once('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"bytes":10,"text":"helloworld"');
  });

  it('hands over a chunked body that grows past the limit marked bodyOverLimit, unbuffered, and closes the connection', async () => {
    const piece = 'x'.repeat(1024 * 1024);
    const parts = Array.from({ length: Math.ceil(MAX_REQUEST_BYTES / piece.length) + 1 }, () => piece);
    const before = seen.length;
    const response = await request(`${url}/upload`, { method: 'PUT', body: Readable.from(chunksOf(parts)), headers: { 'content-type': 'application/octet-stream' } });
    // The answer goes out before the body is all sent; the lingering close lets the client read it.
    const outcome = { status: response.statusCode, connection: response.headers.connection, body: (await response.body.json()) as { bytes: number } };
    expect(outcome).toMatchObject({ status: 200, connection: 'close', body: { bytes: 0 } });
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: '/upload', bodyOverLimit: MAX_REQUEST_BYTES });
    expect(seen.at(-1)?.body).toBeUndefined();
  });

  it('hands over at once a request whose Content-Length is past the limit, before its body arrives', async () => {
    const reply = await rawExchange(server, `PUT /announced HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${MAX_REQUEST_BYTES + 1}\r\n\r\nonly this much`);
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(seen.at(-1)).toMatchObject({ url: '/announced', bodyOverLimit: MAX_REQUEST_BYTES });
  });

  it('takes a larger body where bodyLimit allows it, and holds the others to theirs', async () => {
    const limited = createServer(requestListener(echo, { bodyLimit: (method, path) => (method === 'PUT' && path === '/big' ? 64 : 8) }));
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      const body = 'y'.repeat(20);
      expect(await rawExchange(limited, `PUT /big HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\nConnection: close\r\n\r\n${body}`)).toContain('"bytes":20');
      expect(seen.at(-1)?.bodyOverLimit).toBeUndefined();
      await rawExchange(limited, `PUT /small HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\nConnection: close\r\n\r\n${body}`);
      expect(seen.at(-1)).toMatchObject({ url: '/small', bodyOverLimit: 8 });
    } finally {
      limited.closeAllConnections();
      await new Promise<void>((resolve) => limited.close(() => resolve()));
    }
  });
});
