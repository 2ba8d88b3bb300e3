import { createServer, type RequestListener, type Server } from 'node:http';
import { clientErrorListener } from './client-error.js';

/** How long node:http waits for slow or stuck clients, in milliseconds. */
export interface HttpTimeouts {
  /** Until the request line and headers are in (then 408). */
  readonly headersMs: number;
  /** Until the whole request, body included, is in (then 408). */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveMs: number;
  /**
   * How often node checks the two above. Its default (30 s) would let a stalled request live up to
   * 30 s past its timeout, so the timeouts would not mean what they say.
   */
  readonly checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 1_000 };

/**
 * A node:http server with the mock's timeouts, whose parser errors and timeouts are answered
 * problem+json (`clientError`) rather than bare. `headers` go on those answers (the `Server` header).
 */
export function createHttpServer(listener: RequestListener, headers: Readonly<Record<string, string>>, timeouts: Partial<HttpTimeouts> = {}): Server {
  const { headersMs, requestMs, keepAliveMs, checkEveryMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const server = createServer({ headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: checkEveryMs }, listener);
  server.keepAliveTimeout = keepAliveMs;
  server.on('clientError', clientErrorListener(headers));
  return server;
}
