/** A minimal server-sent-events client over node:http for tests: frames as they arrive, and the end. */
import { request, type IncomingHttpHeaders } from 'node:http';

/** One open stream as a test reads it. */
export interface SseClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Every block received so far (events and comments), split at blank lines. */
  readonly blocks: string[];
  /** The `id:` of every event block so far. */
  ids(): string[];
  /** Resolves once a block matches, or rejects after `timeoutMs`. */
  waitFor(match: (block: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  /** Drops the connection from the client's side. */
  destroy(): void;
}

/** Opens `GET url` with the headers; resolves once the head is in. */
export function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', headers }, (incoming) => {
      const blocks: string[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      let endedResolve = (): void => undefined;
      const ended = new Promise<void>((done) => (endedResolve = done));
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          blocks.push(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
        for (const wake of [...waiters]) wake();
      });
      incoming.on('end', endedResolve);
      incoming.on('close', endedResolve);
      resolve({
        status: incoming.statusCode ?? 0,
        headers: incoming.headers,
        blocks,
        ids: () => blocks.map((b) => /^id: (\S+)/.exec(b)?.[1]).filter((id): id is string => id !== undefined),
        waitFor(match, timeoutMs = 2_000) {
          return new Promise((found, fail) => {
            const check = (): boolean => {
              const hit = blocks.find(match);
              if (hit === undefined) return false;
              clearTimeout(timer);
              waiters.splice(waiters.indexOf(wake), 1);
              found(hit);
              return true;
            };
            const wake = (): void => void check();
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(wake), 1);
              fail(new Error(`no matching block within ${timeoutMs} ms; got ${JSON.stringify(blocks)}`));
            }, timeoutMs);
            waiters.push(wake);
            check();
          });
        },
        ended,
        destroy: () => outgoing.destroy(),
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Polls `condition` every 10 ms until it holds, or rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
