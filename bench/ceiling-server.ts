/**
 * The ceiling: a bare node:http server answering every request with one fixed response (the
 * bytes and headers the mock returned for session detail). Run as a child process:
 * `node dist/bench/ceiling-server.js PORT`, with the response as JSON in `BENCH_CEILING_RESPONSE`.
 */
import { createServer } from 'node:http';
import type { CapturedResponse } from './captured-response.js';

const port = Number(process.argv[2]);
const spec = JSON.parse(process.env.BENCH_CEILING_RESPONSE ?? 'null') as CapturedResponse | null;
if (!Number.isInteger(port) || port <= 0 || spec === null) {
  console.error('usage: BENCH_CEILING_RESPONSE=<json> node ceiling-server.js PORT');
  process.exit(2);
}
const body = Buffer.from(spec.bodyBase64, 'base64');
const headers = { ...spec.headers, 'content-length': String(body.length) };

const server = createServer((incoming, outgoing) => {
  incoming.resume();
  outgoing.writeHead(spec.status, headers);
  outgoing.end(body);
});
// The same timeouts the mock's server sets.
server.requestTimeout = 30_000;
server.headersTimeout = 10_000;
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1');
const stop = (): void => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
