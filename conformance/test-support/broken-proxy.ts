/**
 * Test-only: an HTTP proxy in front of a real server that lets a rule rewrite requests and
 * responses, so a test can build a deliberately broken Session API server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** A request or response as the proxy sees it. */
export interface ProxyMessage {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A response from upstream. */
export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /**
   * An event stream's body, passed on chunk by chunk as it comes (`body` is then empty): a
   * stream never ends by itself, so it cannot be buffered. A rule may wrap it.
   */
  stream?: AsyncIterable<Buffer>;
  /** Lets go of the upstream stream (the client went away). */
  release?: () => void;
}

/** A rule: receives the request and a way to forward (any) request upstream. */
export type ProxyRule = (req: ProxyMessage, forward: (req: ProxyMessage) => Promise<ProxyResponse>) => Promise<ProxyResponse>;

/** A running proxy. */
export interface Proxy {
  readonly url: string;
  close(): Promise<void>;
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy to `upstream` applying `rule`. */
export async function startProxy(upstream: string, rule: ProxyRule): Promise<Proxy> {
  const forward = async (req: ProxyMessage): Promise<ProxyResponse> => {
    const { host: _host, 'content-length': _length, connection: _connection, ...headers } = req.headers;
    const res = await request(new URL(req.path, upstream), { method: req.method as 'GET', headers, body: req.body.length > 0 ? req.body : undefined, bodyTimeout: 0 });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive') out[k] = Array.isArray(v) ? v.join(', ') : v;
    if ((out['content-type'] ?? '').startsWith('text/event-stream')) {
      return { status: res.statusCode, headers: out, body: Buffer.alloc(0), stream: res.body as AsyncIterable<Buffer>, release: () => res.body.destroy() };
    }
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: out, body };
  };
  const server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then(async (body) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === 'string') headers[k] = v;
        const res = await rule({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers, body }, forward);
        if (res.stream) return pipeStream(res, outgoing);
        outgoing.writeHead(res.status, { ...res.headers, 'content-length': String(res.body.length) });
        outgoing.end(res.body);
      })
      .catch((error: unknown) => {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Writes a streamed response out as it comes; a client that leaves releases the upstream. */
async function pipeStream(res: ProxyResponse, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(res.status, res.headers);
  outgoing.flushHeaders();
  outgoing.on('close', () => res.release?.());
  try {
    for await (const chunk of res.stream ?? []) {
      if (outgoing.destroyed) break;
      outgoing.write(chunk);
    }
  } catch {
    // Upstream went away (released, or the mock stopped): end the client's stream too.
  }
  outgoing.end();
}

/** Parses a JSON body, or undefined. */
export function jsonOf(body: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
