/**
 * Test-only: a small HTTP server that hands each buffered request to a handler, and a `send`
 * that replays a buffered request on another server. The building block of the Prism arbiter
 * and the corrupting tap behind Prism.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** A buffered request or answer. Header names are lower case. */
export interface Message {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: Buffer;
}

/** A buffered answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: Buffer;
}

/** A running forwarder. */
export interface Forwarder {
  readonly url: string;
  close(): Promise<void>;
}

const HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const strip = (headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string | string[]> =>
  Object.fromEntries(Object.entries(headers).filter((e): e is [string, string | string[]] => e[1] !== undefined && !HOP.has(e[0].toLowerCase())));

async function readMessage(req: IncomingMessage): Promise<Message> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) };
}

/** Sends a buffered request to `base` (its body only if it had one) and buffers the answer. */
export async function send(base: string, message: Message): Promise<Answer> {
  const hasBody = message.headers['content-length'] !== undefined || message.headers['transfer-encoding'] !== undefined;
  const res = await request(new URL(message.url, base), { method: message.method as 'GET', headers: strip(message.headers), body: hasBody ? message.body : undefined });
  return { status: res.statusCode, headers: strip(res.headers), body: Buffer.from(await res.body.arrayBuffer()) };
}

/** Starts a server on a free port that answers every request with `handler`'s answer. */
export async function startForwarder(handler: (message: Message) => Promise<Answer>): Promise<Forwarder> {
  const server = createServer((req, res) => {
    readMessage(req)
      .then(handler)
      .then((answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        res.end(answer.body);
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`forwarder: ${String(error)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
