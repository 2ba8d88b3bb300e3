/**
 * One fuzz request over its own TCP connection, written as raw bytes (so it can break HTTP itself),
 * read until the server closes. A request the campaign cuts short ends the socket itself.
 */
import { connect, type Socket } from 'node:net';

/** How a request's bytes are delivered. */
export type Delivery =
  | { readonly kind: 'whole' }
  /** Send this many bytes, then close: a truncated body or a client that goes away. */
  | { readonly kind: 'cut'; readonly afterBytes: number }
  /** Send in small pieces with pauses: a slow client. */
  | { readonly kind: 'slow'; readonly pieceBytes: number; readonly pauseMs: number };

/** What came back: a status (0 when the connection ended without a response) and the problem code if any. */
export interface Exchange {
  readonly status: number;
  readonly code: string | undefined;
  /**
   * The connection was reset while the request was still being written: a server that answers
   * early (a 4xx from the headers) and closes can have its answer discarded by the kernel before
   * it is read, so no answer here is not evidence of a failure.
   */
  readonly resetWhileSending: boolean;
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})/;
const CODE = /"code":"([^"]*)"/;

/** Sends `bytes` to `host:port` as `delivery` says; resolves when the server closes or `timeoutMs` passes. */
export function rawExchange(host: string, port: number, bytes: Uint8Array, delivery: Delivery, timeoutMs = 40_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let done = false;
    let resetWhileSending = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      // Only the head and the start of the body are read: enough for the status and the code.
      const text = Buffer.concat(chunks).subarray(0, 64 * 1024).toString('latin1');
      const status = Number(STATUS_LINE.exec(text)?.[1] ?? 0);
      resolve({ status, code: CODE.exec(text)?.[1], resetWhileSending });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resetWhileSending = (error.code === 'ECONNRESET' || error.code === 'EPIPE') && socket.writableLength > 0;
      finish();
    });
    socket.once('connect', () => {
      // Not end(): a half-closed socket is a client that went away; every request says Connection: close.
      if (delivery.kind === 'whole') socket.write(bytes);
      else if (delivery.kind === 'cut') socket.end(bytes.subarray(0, delivery.afterBytes));
      else void drip(socket, bytes, delivery.pieceBytes, delivery.pauseMs);
    });
  });
}

async function drip(socket: Socket, bytes: Uint8Array, piece: number, pauseMs: number): Promise<void> {
  for (let at = 0; at < bytes.length && !socket.destroyed; at += piece) {
    socket.write(bytes.subarray(at, at + piece));
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  if (!socket.destroyed) socket.end();
}
