/**
 * Raw HTTP/1.1 over a socket, for tests of what no HTTP client will send: unparseable requests,
 * bodies that stop half-way, headers past the limit.
 */
import { connect } from 'node:net';

/** A raw reply: everything the server sent before it closed the connection, and how long that took. */
export interface RawReply {
  readonly text: string;
  readonly ms: number;
}

/** A raw reply read as a response; `json` is the parsed body, if there is one. */
export interface ParsedReply {
  readonly status: number;
  /** Names lower-cased. */
  readonly headers: Record<string, string>;
  readonly json: any;
}

/** Sends `bytes` to the server at `port` (on 127.0.0.1 unless `host` says otherwise), then nothing more. */
export function rawExchange(port: number, bytes: string | Buffer, host = '127.0.0.1'): Promise<RawReply> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.once('error', reject);
    socket.once('close', () => resolve({ text, ms: Date.now() - started }));
  });
}

/** The same, to a server known by its base URL. */
export function rawExchangeWith(baseUrl: string, bytes: string | Buffer): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return rawExchange(Number(port), bytes, hostname.replace(/^\[|\]$/g, ''));
}

/** Splits a raw reply into status, headers and JSON body. */
export function parseReply(text: string): ParsedReply {
  const [top = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = top.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, json: body ? JSON.parse(body) : undefined };
}
