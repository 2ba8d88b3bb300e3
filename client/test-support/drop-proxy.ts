/**
 * A TCP proxy in front of a server that a test can make "drop the connection": `dropAll()`
 * destroys every open socket mid-stream, as a restart or a network cut would, while the server
 * behind it keeps its state. The client under test sees a connection error on a live stream.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface DropProxy {
  readonly url: string;
  /** How many client connections it has accepted so far. */
  readonly connections: () => number;
  dropAll(): void;
  close(): Promise<void>;
}

/** Proxies `http://127.0.0.1:<free port>` to `target` (an `http://host:port` URL). */
export async function startDropProxy(target: string): Promise<DropProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    const upstream = connect(Number(port), hostname);
    open.add(client);
    open.add(upstream);
    const forget = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => accepted,
    dropAll: () => { for (const socket of [...open]) socket.destroy(); },
    close: () => {
      for (const socket of [...open]) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
