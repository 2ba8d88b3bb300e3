import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * How long, from the answer on, the rest of a refused request may keep arriving. A client that
 * writes its whole body before it reads (most do) needs the server to take it in; any body the
 * mock would otherwise have read arrives over the loopback in well under a second, even on a busy
 * machine. nginx's `lingering_close` waits 30 s in all; a mock needs less.
 */
export const LINGER_MS = 5_000;

/**
 * How many bytes of a refused request are read and dropped after the answer: more than a body
 * just past the 6 MiB limit (the usual 413), far less than a client that never stops sending
 * could push. A refused state import past 256 MiB is not drained: its client may see a reset.
 */
export const LINGER_MAX_BYTES = 16 * 1024 * 1024;

/** How often the byte count is looked at (node:http's parser reads the socket itself, with no event per packet). */
const CHECK_EVERY_MS = 50;

/** Bounds of {@link lingeringClose}; the defaults are {@link LINGER_MS} and {@link LINGER_MAX_BYTES}. */
export interface LingerLimits {
  readonly ms: number;
  readonly bytes: number;
}

const DEFAULT_LIMITS: LingerLimits = { ms: LINGER_MS, bytes: LINGER_MAX_BYTES };

/**
 * Closes a connection whose answer went out before its request was all in, the way nginx's
 * `lingering_close` does. Destroying the socket at once would leave unread request bytes in the
 * kernel (or have more arrive after the close), and the kernel answers those with a reset that
 * can throw away the answer before the client has read it. So: the answer is ended (a FIN after
 * it, the write side half-closed), the rest of the request is read and dropped, and the socket is
 * destroyed once the client closes its side, or after `limits.ms`, or past `limits.bytes` read,
 * whichever comes first. Whoever reads the socket (node:http's parser) keeps reading it; nobody
 * gets the bytes as a request.
 *
 * `answer` is written first, if given; without it the response must already be ended or be ending.
 */
export function lingeringClose(socket: Duplex, answer?: string, limits: LingerLimits = DEFAULT_LIMITS): void {
  if (socket.destroyed) return;
  if (socket.writable) socket.end(answer);
  const counted = (): number => (socket as Partial<Socket>).bytesRead ?? 0;
  const start = counted();
  const deadline = Date.now() + limits.ms;
  const close = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  // The client's FIN says it sent everything: close once the answer is all written out too.
  const afterAnswer = (): void => {
    if (socket.writableFinished) close();
    else socket.once('finish', close);
  };
  const timer = setTimeout(function check() {
    if (Date.now() >= deadline || counted() - start > limits.bytes) close();
    else timer.refresh();
  }, CHECK_EVERY_MS);
  // A lingering socket alone should not keep a process alive.
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  if (socket.readableEnded) afterAnswer();
  else socket.once('end', afterAnswer);
  // In case nobody reads it any more (a paused request): the bytes must still be taken in.
  socket.resume();
}
