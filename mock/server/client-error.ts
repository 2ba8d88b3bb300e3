import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MockResponse } from '../core/http/messages.js';
import { problem } from '../core/http/respond.js';
import { lingeringClose } from './lingering-close.js';

/** The transport-level problem for an error node:http's parser (or its timeouts) raised. */
function problemFor(error: NodeJS.ErrnoException & { reason?: unknown }): MockResponse {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem('headers-too-large', `The request line and headers may hold at most ${maxHeaderSize} bytes in all.`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem('request-timeout', 'The request headers or body did not arrive in time.');
    default: {
      // llhttp names what it refused (`reason`) and how (`code`, e.g. HPE_INVALID_METHOD).
      const reason = typeof error.reason === 'string' ? error.reason : error.message;
      return problem('malformed-request', 'The request is not valid HTTP/1.1.', { errors: [{ pointer: '#/request', message: `${error.code ?? 'error'}: ${reason}` }] });
    }
  }
}

/** The whole HTTP/1.1 response as text: there is no ServerResponse for a request that never parsed. */
function serialize(response: MockResponse, extraHeaders: Readonly<Record<string, string>>): string {
  const body = typeof response.body === 'string' ? response.body : '';
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  for (const name in extraHeaders) if (response.headers[name] === undefined) lines.push(`${name}: ${extraHeaders[name] as string}`);
  for (const name in response.headers) lines.push(`${name}: ${response.headers[name] as string}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The server's `clientError` listener: what node:http would answer bare (400, 408, 431) goes out
 * as problem+json, then the connection closes, since the parser cannot find the next request.
 * The adapter answers a request only once it is all in (or closes the connection after the
 * answer) and writes each response whole, so this answer never lands inside or after one.
 */
export function clientErrorListener(extraHeaders: Readonly<Record<string, string>> = {}): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  const answered = new WeakSet<Duplex>();
  return (error, socket) => {
    // The parser reports again on every later packet; the first answer stands.
    if (answered.has(socket)) return;
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    answered.add(socket);
    // Most of these come from the headers, while a body may still be on its way: a lingering
    // close takes it in, so the client reads the answer rather than a reset. It also bounds how
    // long a client that does not read the answer keeps the socket.
    lingeringClose(socket, serialize(problemFor(error), extraHeaders));
  };
}
