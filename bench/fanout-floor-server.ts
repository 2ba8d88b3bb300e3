/**
 * The fan-out floor: a bare node:http server that costs as little as a server can for the events
 * bench's traffic. It answers every request with a fixed small JSON, and a PUT under
 * `/v1/sessions/{id}/` also writes one event frame to each stream open on `{id}`
 * (`GET /v1/sessions/{id}/events`). What 1,000 streams add to its CPU per request is what the
 * socket writes alone cost, with no API behind them. Run as a child process:
 * `node dist/bench/fanout-floor-server.js PORT`.
 */
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node fanout-floor-server.js PORT');
  process.exit(2);
}

const streams = new Map<string, Set<ServerResponse>>();
const created = Buffer.from('{"id":"ses_floor"}');
const ok = Buffer.from('{}');
let events = 0;

/** A frame shaped and sized like the mock's `file.written` event; one per PUT, shared by its streams as the mock's is. */
function frame(sessionId: string): Buffer {
  events += 1;
  const id = `evt_${String(events).padStart(8, '0')}`;
  const data = { id, type: 'file.written', sessionId, revision: `rev_${String(events).padStart(8, '0')}`, actorId: 'usr_ana', data: { path: 'README.md', sha256: 'ab'.repeat(32), size: 12 }, createdAt: new Date().toISOString() };
  return Buffer.from(`id: ${id}\nevent: file.written\ndata: ${JSON.stringify(data)}\n\n`);
}

const server = createServer((incoming, outgoing) => {
  const path = incoming.url ?? '/';
  const match = /^\/v1\/sessions\/([^/]+)\/(events|files\/)/.exec(path);
  if (match?.[2] === 'events' && incoming.method === 'GET') {
    const id = match[1] as string;
    outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    outgoing.flushHeaders();
    let set = streams.get(id);
    if (!set) streams.set(id, (set = new Set()));
    const own = set;
    own.add(outgoing);
    outgoing.once('close', () => own.delete(outgoing));
    return;
  }
  incoming.resume();
  if (match && incoming.method === 'PUT') {
    const set = streams.get(match[1] as string);
    if (set && set.size > 0) {
      const bytes = frame(match[1] as string);
      for (const stream of set) stream.write(bytes);
    }
  }
  const body = incoming.method === 'POST' && path === '/v1/sessions' ? created : ok;
  outgoing.writeHead(incoming.method === 'POST' && path === '/v1/sessions' ? 201 : 200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  outgoing.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1');
const stop = (): void => {
  for (const set of streams.values()) for (const stream of set) stream.end();
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
