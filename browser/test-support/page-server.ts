/**
 * Test-only: serves the events page and the built reader from their own origin (a port of
 * 127.0.0.1 other than the mock's), so every call the page makes to the mock is cross-origin.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const PAGE = fileURLToPath(new URL('./events-page.html', import.meta.url));
const READER = fileURLToPath(new URL('../../dist/browser/follow-events.js', import.meta.url));

/** A running page server; `close` when done. */
export interface PageServer {
  /** The page's origin, as the browser sends it in `Origin`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the page server on a free port. */
export async function startPageServer(): Promise<PageServer> {
  if (!existsSync(READER)) throw new Error(`the reader is not built (${READER}): run npm run build`);
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(PAGE, 'utf8') },
    '/follow-events.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(READER, 'utf8') },
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
