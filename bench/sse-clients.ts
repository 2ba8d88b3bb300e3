/**
 * Event-stream clients for the events bench: many cheap streams that only count what they get,
 * and one probe that times how long after a change's response its event arrives.
 */
import { Agent, request, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Open streams that count the bytes they receive. */
export interface StreamPool {
  /** Streams still open (a stream the server ended early is no longer counted). */
  open(): number;
  bytes(): number;
  close(): void;
}

function openOne(url: string, token: string, onData: (chunk: Buffer) => void, onEnd: () => void): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: false, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (incoming) => {
      if (incoming.statusCode !== 200) return reject(new Error(`GET ${url} answered ${incoming.statusCode}`));
      incoming.on('data', onData);
      incoming.once('close', onEnd);
      resolve(outgoing);
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

/**
 * One pool stream on a bare socket: it sends the request by hand, waits for a 200 head, and from
 * then on only counts bytes. The pool's clients share the load generator's core, and an HTTP
 * client parsing every chunk of 1,000 streams left the load generator, not the mock, as what capped
 * the loaded rounds; counting raw bytes still reads everything the mock sends.
 */
function openCounted(baseUrl: string, path: string, token: string, onData: (bytes: number) => void, onEnd: () => void): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let head = '';
    let streaming = false;
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${token}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      if (streaming) return onData(chunk.length);
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!head.startsWith('HTTP/1.1 200')) {
        socket.destroy();
        return reject(new Error(`GET ${path} answered ${head.slice(0, head.indexOf('\r\n'))}`));
      }
      streaming = true;
      socket.once('close', onEnd);
      onData(head.length - end - 4);
      resolve(socket);
    });
  });
}

/** Opens `perSession` streams on each session, 100 at a time. */
export async function openStreamPool(baseUrl: string, token: string, sessionIds: readonly string[], perSession: number): Promise<StreamPool> {
  let bytes = 0;
  let open = 0;
  const sockets: Socket[] = [];
  const paths = sessionIds.flatMap((id) => Array.from({ length: perSession }, () => `/v1/sessions/${encodeURIComponent(id)}/events`));
  for (let at = 0; at < paths.length; at += 100) {
    const batch = await Promise.all(paths.slice(at, at + 100).map((path) => openCounted(baseUrl, path, token, (n) => (bytes += n), () => (open -= 1))));
    open += batch.length;
    sockets.push(...batch);
  }
  return { open: () => open, bytes: () => bytes, close: () => sockets.forEach((s) => s.destroy()) };
}

/** Times writes to one session against their events on a stream of it. */
export interface LatencyProbe {
  /** Writes a new file every `everyMs` until `stop` resolves; returns event arrival − response arrival per write, in ms. */
  run(stop: Promise<unknown>, everyMs: number): Promise<number[]>;
  close(): void;
}

/** One stream on `sessionId` plus a keep-alive connection that writes `probe-N` files into it. */
export async function openLatencyProbe(baseUrl: string, token: string, sessionId: string): Promise<LatencyProbe> {
  const arrived = new Map<number, number>();
  const answered = new Map<number, number>();
  const samples: number[] = [];
  let text = '';
  const settle = (n: number): void => {
    const event = arrived.get(n);
    const response = answered.get(n);
    if (event === undefined || response === undefined) return;
    samples.push(event - response);
    arrived.delete(n);
    answered.delete(n);
  };
  const stream = await openOne(`${baseUrl}/v1/sessions/${sessionId}/events`, token, (chunk) => {
    const now = performance.now();
    text += chunk.toString('utf8');
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const match = /"path":"probe-(\d+)"/.exec(text.slice(0, end));
      text = text.slice(end + 2);
      if (match) {
        arrived.set(Number(match[1]), now);
        settle(Number(match[1]));
      }
    }
  }, () => undefined);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let next = 0;
  const write = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const outgoing = request(`${baseUrl}/v1/sessions/${sessionId}/files/probe-${n}`, { method: 'PUT', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' } }, (incoming) => {
        incoming.resume();
        incoming.once('end', () => {
          answered.set(n, performance.now());
          settle(n);
          resolve();
        });
      });
      outgoing.once('error', reject);
      outgoing.end(`probe ${n}`);
    });
  return {
    async run(stop, everyMs) {
      samples.length = 0;
      let stopped = false;
      void stop.then(() => (stopped = true));
      while (!stopped) {
        await write((next += 1));
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
      // Give the last events a moment to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return [...samples];
    },
    close() {
      stream.destroy();
      agent.destroy();
    },
  };
}
