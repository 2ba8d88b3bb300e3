import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { problem } from '../core/http/respond.js';

/** Bodies above this are refused while streaming, before they are buffered (413). */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = incoming.headers;
  for (const name in given) {
    const value = given[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Called once with the core request, or `null` when the body is over the limit. */
type OnRequest = (request: MockRequest | null) => void;

/**
 * Reads a node:http request into a core request. A request that announces no body is handed over
 * at once, in the same tick: most requests are GETs. Bodies are buffered with plain stream events
 * and a callback; promises and async iteration would cost ticks and allocations per request.
 */
export function readRequest(incoming: IncomingMessage, done: OnRequest, failed: (error: unknown) => void): void {
  const announced = incoming.headers['content-length'];
  if (incoming.headers['transfer-encoding'] === undefined && (announced === undefined || announced === '0')) {
    incoming.resume();
    done({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming) });
    return;
  }
  if (announced !== undefined && Number(announced) > MAX_REQUEST_BYTES) {
    incoming.resume();
    done(null);
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
    if (size <= MAX_REQUEST_BYTES) {
      chunks.push(chunk);
      if (size === expected) handOver();
      return;
    }
    // Over the limit: stop buffering, answer 413, and let the rest of the body drain unread.
    incoming.off('data', onData);
    incoming.resume();
    handedOver = true;
    done(null);
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
 * The node:http listener around a `request → response` function. Stays synchronous when both the
 * body read and the handler are, which is the common case. `extraHeaders` go on every response
 * (the mock's `Server` header).
 */
export function requestListener(handle: (request: MockRequest) => MockResponse | Promise<MockResponse>, extraHeaders: Readonly<Record<string, string>> = {}): RequestListener {
  return (incoming, outgoing) => {
    const fail = (error: unknown): void => internalError(outgoing, error);
    const answer = (request: MockRequest | null): void => {
      try {
        if (!request) {
          writeResponse(outgoing, problem('content-too-large', `A request body may hold at most ${MAX_REQUEST_BYTES} bytes.`, { headers: { connection: 'close' } }), extraHeaders);
          return;
        }
        const response = handle(request);
        if (response instanceof Promise) response.then((r) => writeResponse(outgoing, r, extraHeaders)).catch(fail);
        else writeResponse(outgoing, response, extraHeaders);
      } catch (error) {
        fail(error);
      }
    };
    try {
      readRequest(incoming, answer, fail);
    } catch (error) {
      fail(error);
    }
  };
}
