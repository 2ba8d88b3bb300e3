import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { problem } from '../core/http/respond.js';
import { lingeringClose } from './lingering-close.js';
import { DEFAULT_HEARTBEAT_MS, OpenStreams, writeStream, type StreamOptions } from './stream-writer.js';
import { MAX_REQUEST_BYTES, type BodyLimit } from '../app/body-limits.js';

export { MAX_REQUEST_BYTES, type BodyLimit };

const DEFAULT_BODY_LIMIT: BodyLimit = () => MAX_REQUEST_BYTES;

/** How `requestListener` talks HTTP beside the handler. */
export interface ListenerOptions {
  /** Headers for every response that has none of that name (the mock's `Server`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default: {@link MAX_REQUEST_BYTES} for every request. */
  readonly bodyLimit?: BodyLimit;
  /** How streamed responses (events) are written; default: a keep-alive every 15 s, streams of this listener only. */
  readonly streams?: StreamOptions;
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = incoming.headers;
  for (const name in given) {
    const value = given[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Called once with the core request. */
type OnRequest = (request: MockRequest) => void;

/** A request whose body is not read: the handler answers it (413) like any other. */
function overLimit(incoming: IncomingMessage, limit: number): MockRequest {
  // The rest of the body drains unread; the connection closes after the answer (lingering, see below).
  incoming.resume();
  return { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming), bodyOverLimit: limit };
}

/**
 * Reads a node:http request into a core request. A request that announces no body is handed over
 * at once, in the same tick: most requests are GETs. Bodies are buffered with plain stream events
 * and a callback; promises and async iteration would cost ticks and allocations per request. A
 * body over `bodyLimit` is not buffered: the request is handed over marked `bodyOverLimit`.
 */
export function readRequest(incoming: IncomingMessage, bodyLimit: BodyLimit, done: OnRequest, failed: (error: unknown) => void): void {
  const announced = incoming.headers['content-length'];
  if (incoming.headers['transfer-encoding'] === undefined && (announced === undefined || announced === '0')) {
    incoming.resume();
    done({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming) });
    return;
  }
  const limit = bodyLimit(incoming.method ?? 'GET', incoming.url ?? '/');
  if (announced !== undefined && Number(announced) > limit) {
    done(overLimit(incoming, limit));
    return;
  }
  // With a Content-Length the parser delivers exactly that many bytes: the request is complete at
  // the last one, without waiting a tick for 'end'. Chunked bodies end at 'end'.
  const expected = incoming.headers['transfer-encoding'] === undefined && announced !== undefined ? Number(announced) : -1;
  const chunks: Buffer[] = [];
  let size = 0;
  let handedOver = false;
  const handOver = (): void => {
    handedOver = true;
    const first = chunks[0];
    const body = size === 0 ? undefined : chunks.length === 1 && first ? new Uint8Array(first.buffer, first.byteOffset, size) : new Uint8Array(Buffer.concat(chunks, size));
    done({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming), body });
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size <= limit) {
      chunks.push(chunk);
      if (size === expected) handOver();
      return;
    }
    // Over the limit (a chunked body): stop buffering and drop what was kept.
    incoming.off('data', onData);
    chunks.length = 0;
    handedOver = true;
    done(overLimit(incoming, limit));
  };
  incoming.on('data', onData);
  incoming.once('error', failed);
  incoming.once('end', () => {
    if (!handedOver) handOver();
  });
}

/**
 * Writes a core response to node:http. The headers go to `writeHead` as one flat list, with
 * `extraHeaders` only where the response has no header of that name. String bodies go out as
 * strings: node sends them in one write with the headers.
 */
export function writeResponse(outgoing: ServerResponse, response: MockResponse, extraHeaders: Readonly<Record<string, string>> = {}): void {
  const own = response.headers;
  const flat: (string | number)[] = [];
  for (const name in extraHeaders) if (own[name] === undefined) flat.push(name, extraHeaders[name] as string);
  for (const name in own) flat.push(name, own[name] as string);
  if (response.body === undefined) {
    outgoing.writeHead(response.status, flat);
    outgoing.end();
    return;
  }
  flat.push('content-length', typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.byteLength);
  outgoing.writeHead(response.status, flat);
  outgoing.end(response.body);
}

function internalError(outgoing: ServerResponse, error: unknown): void {
  // Only a bug gets here: answer 500 rather than leave the client hanging.
  if (!outgoing.headersSent) writeResponse(outgoing, problem('internal-error', error instanceof Error ? error.message : String(error)));
  else outgoing.destroy();
}

/**
 * node:http ends a `Connection: close` response's socket with `destroySoon`: destroyed as soon as
 * the answer is written. Past an early answer that is a reset if the client is still sending, and
 * the reset can lose the answer; this socket lingers instead (drains the rest for a bounded time).
 */
function lingerAfterAnswer(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  socket.destroySoon = () => lingeringClose(socket);
}

/**
 * The node:http listener around a `request → response` function. Stays synchronous when both the
 * body read and the handler are, which is the common case. A request with a body over the limit
 * reaches the handler too (marked `bodyOverLimit`, so it answers 413 with its usual headers and
 * log entry); its connection closes after the answer, as the rest of its body was never read,
 * with a lingering close so that a client still sending that body gets the answer.
 */
export function requestListener(handle: (request: MockRequest) => MockResponse | Promise<MockResponse>, options: ListenerOptions = {}): RequestListener {
  const extraHeaders = options.headers ?? {};
  const closing = { ...extraHeaders, connection: 'close' };
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const streams = options.streams ?? { heartbeatMs: DEFAULT_HEARTBEAT_MS, open: new OpenStreams() };
  return (incoming, outgoing) => {
    const fail = (error: unknown): void => internalError(outgoing, error);
    const answer = (request: MockRequest): void => {
      try {
        if (request.bodyOverLimit !== undefined) lingerAfterAnswer(incoming);
        const headers = request.bodyOverLimit === undefined ? extraHeaders : closing;
        const write = (r: MockResponse): void => (r.stream ? writeStream(outgoing, r, r.stream, headers, streams) : writeResponse(outgoing, r, headers));
        const response = handle(request);
        if (response instanceof Promise) response.then(write).catch(fail);
        else write(response);
      } catch (error) {
        fail(error);
      }
    };
    try {
      readRequest(incoming, bodyLimit, answer, fail);
    } catch (error) {
      fail(error);
    }
  };
}
