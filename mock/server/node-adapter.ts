import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { problem } from '../core/http/respond.js';

/** Bodies above this are refused while streaming, before they are buffered (413). */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Reads a node:http request into a core request; `null` when the body is over the limit. A request
 * that announces no body is read synchronously: most requests are GETs, and an await costs ticks.
 */
export function readRequest(incoming: IncomingMessage): MockRequest | null | Promise<MockRequest | null> {
  const announced = incoming.headers['content-length'];
  if (incoming.headers['transfer-encoding'] === undefined && (announced === undefined || announced === '0')) {
    incoming.resume();
    return { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming) };
  }
  if (announced !== undefined && Number(announced) > MAX_REQUEST_BYTES) {
    incoming.resume();
    return null;
  }
  return readBody(incoming);
}

async function readBody(incoming: IncomingMessage): Promise<MockRequest | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk);
  }
  const body = size > 0 ? new Uint8Array(Buffer.concat(chunks, size)) : undefined;
  return { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: headersOf(incoming), body };
}

/** Writes a core response to node:http. String bodies go out as strings: node sends them in one write with the headers. */
export function writeResponse(outgoing: ServerResponse, response: MockResponse, extraHeaders: Readonly<Record<string, string>> = {}): void {
  const headers: Record<string, string | number> = { ...extraHeaders, ...response.headers };
  if (response.body === undefined) {
    outgoing.writeHead(response.status, headers);
    outgoing.end();
    return;
  }
  headers['content-length'] = typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.byteLength;
  outgoing.writeHead(response.status, headers);
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
  const answer = (outgoing: ServerResponse, request: MockRequest | null): void | Promise<void> => {
    if (!request) {
      writeResponse(outgoing, problem('content-too-large', `A request body may hold at most ${MAX_REQUEST_BYTES} bytes.`, { headers: { connection: 'close' } }), extraHeaders);
      return;
    }
    const response = handle(request);
    if (response instanceof Promise) return response.then((r) => writeResponse(outgoing, r, extraHeaders));
    writeResponse(outgoing, response, extraHeaders);
  };
  return (incoming, outgoing) => {
    try {
      const request = readRequest(incoming);
      const done = request instanceof Promise ? request.then((r) => answer(outgoing, r)) : answer(outgoing, request);
      if (done instanceof Promise) done.catch((error: unknown) => internalError(outgoing, error));
    } catch (error) {
      internalError(outgoing, error);
    }
  };
}
