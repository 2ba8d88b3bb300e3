// The mock's node:http server cuts stalled requests off at its timeouts (408 problem+json), not
// up to 30 s later at node's default check interval.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawExchange } from '../test-support/raw-http.js';
import { createHttpServer } from './http-server.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts a server with short timeouts and node's check interval left at the mock's default. */
async function start(): Promise<number> {
  // Answers once the whole request is in, as the mock's adapter does.
  const listener = (request: IncomingMessage, response: ServerResponse): void => void request.resume().once('end', () => response.end('served'));
  server = createHttpServer(listener, { server: 'timeout-test' }, { headersMs: 300, requestMs: 600 });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server?.address() as AddressInfo).port;
}

/** Sends `text`, then nothing more; resolves with the answer and how long it took to come. */
async function stall(port: number, text: string): Promise<{ reply: string; ms: number }> {
  const { text: reply, ms } = await rawExchange(port, text);
  return { reply, ms };
}

function problemOf(reply: string): unknown {
  return JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
}

describe('createHttpServer timeouts', () => {
  it('answers 408 request-timeout to headers that stop coming, within a check interval of the timeout', async () => {
    const port = await start();
    const { reply, ms } = await stall(port, 'GET / HTTP/1.1\r\nHost: localhost\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(reply).toMatch(/\r\nconnection: close\r\n/);
    expect(reply).toMatch(/\r\nserver: timeout-test\r\n/);
    expect(problemOf(reply)).toMatchObject({ status: 408, code: 'request-timeout' });
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(2_500);
  });

  it('answers 408 to a body that stops coming', async () => {
    const port = await start();
    const { reply, ms } = await stall(port, 'PUT / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nhalf');
    expect(problemOf(reply)).toMatchObject({ status: 408, code: 'request-timeout' });
    expect(ms).toBeLessThan(2_500);
  });
});
