/**
 * The suite's only way to reach a server: undici over HTTP. Every exchange is handed to the
 * listeners (contract checks, trace recording, coverage) before the caller sees it.
 */
import { Agent, request } from 'undici';
import { essence, isJsonMediaType } from '../../contract/index.js';
import { ConnectionFailure } from '../invariants/violation.js';
import type { ApiRequest, ApiResponse, Exchange } from './exchange.js';

/** Called with every exchange, in order; may throw to fail the step. */
export type ExchangeListener = (exchange: Exchange) => void;

/** Anything that sends a request and answers with the exchange: the client, or a run's scope of it. */
export interface ExchangeSender {
  send(req: ApiRequest): Promise<Exchange>;
}

/** Routes an exchange to its contract operation (method + raw path) or null. */
export type OperationResolver = (method: string, pathname: string) => string | null;

/** A keep-alive HTTP client bound to one base URL. */
export class HttpClient implements ExchangeSender {
  private readonly agent: Agent;
  private readonly listeners: ExchangeListener[] = [];

  /**
   * `connections` bounds the sockets to the server: enough for every run in flight to have a
   * request out, plus a race step's extra ones (the suite sends at most a few at once per run).
   */
  constructor(readonly baseUrl: string, private readonly resolve: OperationResolver, private readonly timeoutMs = 15_000, connections = 8) {
    this.agent = new Agent({ connections, keepAliveTimeout: 4_000 });
  }

  /** Adds a listener; returns a function that removes it. */
  listen(listener: ExchangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /**
   * Sends the request, reads the whole body, and runs the listeners. `record` sees the exchange
   * first, so a run's trace holds it even when a listener (a contract check) then throws.
   */
  async send(req: ApiRequest, record?: (exchange: Exchange) => void): Promise<Exchange> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token !== null) headers.authorization = `Bearer ${req.token}`;
    let body: Uint8Array | string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = req.contentType ?? 'application/json';
    } else if (req.bytes !== undefined) {
      body = req.bytes;
      headers['content-type'] = req.contentType ?? 'application/octet-stream';
    }
    const started = performance.now();
    let response: ApiResponse;
    try {
      const res = await request(new URL(req.path, this.baseUrl), {
        method: req.method, headers, body, dispatcher: this.agent, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs,
      });
      const read = req.stream ? await readStream(res.body, req.stream) : { bytes: new Uint8Array(await res.body.arrayBuffer()), end: undefined };
      const bytes = read.bytes;
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const contentType = essence(flat['content-type']);
      let json: unknown;
      if (contentType !== null && isJsonMediaType(contentType) && bytes.length > 0) {
        try {
          json = JSON.parse(Buffer.from(bytes).toString('utf8'));
        } catch {
          json = undefined;
        }
      }
      response = { status: res.statusCode, headers: flat, bytes, json, contentType, ...(read.end ? { streamEnd: read.end } : {}) };
    } catch (error) {
      throw new ConnectionFailure(`${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const pathname = req.path.split('?')[0] ?? req.path;
    const exchange: Exchange = { request: req, response, operationId: this.resolve(req.method, pathname), durationMs: performance.now() - started };
    record?.(exchange);
    for (const listener of [...this.listeners]) listener(exchange);
    return exchange;
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * Reads a body that may never end: chunk by chunk until `until` holds for the text so far, the
 * server ends it, or the time runs out; then lets go of the connection (destroying the body
 * closes that socket, which is how a client leaves an event stream).
 */
async function readStream(body: AsyncIterable<Uint8Array> & { destroy(): unknown }, stream: NonNullable<ApiRequest['stream']>): Promise<{ bytes: Uint8Array; end: 'ended' | 'enough' | 'timeout' }> {
  const chunks: Buffer[] = [];
  // A streaming decoder: a chunk may end inside a multi-byte character.
  const decoder = new TextDecoder();
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), stream.timeoutMs); });
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next === 'timeout') return { bytes: Buffer.concat(chunks), end: 'timeout' };
      if (next.done === true) return { bytes: Buffer.concat(chunks), end: 'ended' };
      const chunk = Buffer.from(next.value);
      chunks.push(chunk);
      text += decoder.decode(chunk, { stream: true });
      if (stream.until(text)) return { bytes: Buffer.concat(chunks), end: 'enough' };
    }
  } finally {
    clearTimeout(timer);
    body.destroy();
  }
}
