// A request the mock refuses before its body is in (a parser refusal, a 413 from the headers) is
// answered, and the connection lingers: a client that writes its whole body before it reads still
// reads the answer, rather than a reset. A client that never stops sending is cut off.
import { createServer as createNetServer, connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { createMockApp } from '../app/create-mock-app.js';
import { createMockCore } from '../core/mock-core.js';
import { parseReply, type ParsedReply } from '../test-support/raw-http.js';
import { mockBodyLimit } from '../app/body-limits.js';
import { createHttpServer } from './http-server.js';
import { lingeringClose } from './lingering-close.js';
import { MAX_REQUEST_BYTES, requestListener } from './node-adapter.js';

const contract = loadContract();
const isProblem = contract.schemas.component('Problem');
const PIECE = Buffer.alloc(64 * 1024, '[');

let http: Server;
let port: number;
/** Resolvers for the next connections' "answer written" moments, in accept order. */
const waiting: (() => void)[] = [];

beforeAll(async () => {
  // The mock's own stack (as createMockServer builds it), with a hook on each server-side socket.
  const core = createMockCore({ contract, scenario: null });
  const app = createMockApp({ core, contract });
  const headers = { server: 'linger-test' };
  http = createHttpServer(requestListener((request) => app.handle(request), { headers, bodyLimit: mockBodyLimit }), headers);
  // 'finish': the answer and the FIN after it are written; an eager close would destroy the socket now.
  http.on('connection', (socket: Socket) => socket.once('finish', waiting.shift() ?? (() => undefined)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

/** Waits for a write to be taken, or for the socket to fail. */
function written(socket: Socket, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve) => {
    if (socket.write(bytes)) resolve();
    else {
      socket.once('drain', resolve);
      socket.once('close', resolve);
    }
  });
}

/**
 * Sends `head`, waits until the server has written its whole answer (and would have closed), then
 * sends `bodyBytes` more, and only then starts reading: a client busy sending its body.
 */
async function sendAllThenRead(head: string, bodyBytes: number): Promise<{ reply: ParsedReply | null; errors: string[] }> {
  const answered = new Promise<void>((resolve) => waiting.push(resolve));
  const socket = connect(port, '127.0.0.1');
  // Nothing is read (the kernel keeps the answer) until every byte is sent.
  socket.pause();
  const errors: string[] = [];
  let text = '';
  socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  await written(socket, head);
  await answered;
  for (let sent = 0; sent < bodyBytes && !socket.destroyed; sent += PIECE.length) await written(socket, PIECE);
  socket.resume();
  await closed;
  return { reply: text === '' ? null : parseReply(text), errors };
}

describe('an answer sent before the request body is all in', () => {
  const dupSize = 1024 * 1024;
  const bigSize = MAX_REQUEST_BYTES + 1024 * 1024;
  it.each([
    ['refused by the parser at its headers (400 malformed-request)', `POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${dupSize}\r\nContent-Length: ${dupSize + 1}\r\n\r\n`, dupSize, 400, 'malformed-request'],
    ['past the limit it announced (413 content-too-large)', `PUT /__admin/faults HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${bigSize}\r\n\r\n`, bigSize, 413, 'content-too-large'],
  ])('reaches a client still sending a body %s', async (_label, head, size, status, code) => {
    const { reply, errors } = await sendAllThenRead(head, size);
    expect(errors).toEqual([]);
    expect(reply?.status).toBe(status);
    expect(reply?.headers).toMatchObject({ 'content-type': 'application/problem+json', connection: 'close', server: 'linger-test' });
    expect(isProblem(reply?.json), JSON.stringify(reply?.json)).toBe(true);
    expect(reply?.json).toMatchObject({ status, code });
  });

  it('still serves the next request', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/__admin/faults`);
    expect(response.status).toBe(200);
  });
});

/** A plain TCP server whose every connection is answered `answer` at once and then lingers with `limits`. */
async function lingeringServer(limits: { ms: number; bytes: number }): Promise<{ server: NetServer; closed: Promise<{ bytesRead: number; at: number }> }> {
  let report: (value: { bytesRead: number; at: number }) => void = () => undefined;
  const closed = new Promise<{ bytesRead: number; at: number }>((resolve) => (report = resolve));
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('close', () => report({ bytesRead: socket.bytesRead, at: Date.now() }));
    lingeringClose(socket, 'refused\n', limits);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, closed };
}

/** `allowHalfOpen`: the client does not close its side when the server closes its own. */
async function client(server: NetServer, allowHalfOpen = false): Promise<Socket> {
  const socket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return socket;
}

describe('lingeringClose', () => {
  it('closes as soon as the client has closed its side, long before its time is up', async () => {
    const { server, closed } = await lingeringServer({ ms: 60_000, bytes: 1024 * 1024 });
    const socket = await client(server);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    socket.end('the rest of the body');
    await ended;
    const { bytesRead } = await closed;
    expect(text).toBe('refused\n');
    expect(bytesRead).toBe('the rest of the body'.length);
    server.close();
  });

  it('closes a client that neither sends nor closes once its time is up', async () => {
    const { server, closed } = await lingeringServer({ ms: 300, bytes: 1024 * 1024 });
    const started = Date.now();
    const socket = await client(server, true);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    const { at } = await closed;
    await ended;
    expect(text).toBe('refused\n');
    expect(at - started).toBeGreaterThanOrEqual(290);
    socket.destroy();
    server.close();
  });

  it('cuts off a client that never stops sending once it has sent past the byte bound', async () => {
    const bytes = 512 * 1024;
    const { server, closed } = await lingeringServer({ ms: 60_000, bytes });
    const socket = await client(server);
    let stopped = false;
    void closed.then(() => (stopped = true));
    while (!stopped && !socket.destroyed) await written(socket, PIECE);
    const { bytesRead } = await closed;
    expect(bytesRead).toBeGreaterThan(bytes);
    socket.destroy();
    server.close();
  });
});
