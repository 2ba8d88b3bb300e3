import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRequest, MockResponse } from '../core/http/messages.js';

/** Bodies above this are refused while streaming, before they are buffered (413). */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** Reads a node:http request into a core request; `null` when the body is over the limit. */
export async function readRequest(incoming: IncomingMessage): Promise<MockRequest | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = size > 0 ? new Uint8Array(Buffer.concat(chunks, size)) : undefined;
  return { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers, body };
}

/** Writes a core response to node:http. */
export function writeResponse(outgoing: ServerResponse, response: MockResponse): void {
  const body = response.body === undefined ? undefined : typeof response.body === 'string' ? Buffer.from(response.body) : Buffer.from(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  if (body !== undefined) headers['content-length'] = body.length;
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}
