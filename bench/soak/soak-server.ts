/**
 * Child entry of the soak bench, run as `node --expose-gc soak-server.js` with an IPC channel:
 * the mock as the CLI starts it (demo fixtures, auth on, loopback) in a process of its own, so the
 * memory it reports is the mock's and none of it is the load generator's. It sends `{ url }` once
 * it listens and answers each `'sample'` message with a {@link MemorySample} taken after a full GC.
 */
import { createMockServer } from '../../mock/index.js';
import { resolveGc } from '../force-gc.js';
import type { MemorySample } from './soak-child.js';

const server = await createMockServer({ host: '127.0.0.1', auth: true });
const gc = resolveGc();

function sample(): MemorySample {
  // Twice: the first collection can leave garbage that only its finalizers made unreachable.
  gc?.();
  gc?.();
  const { rss, heapUsed, arrayBuffers, external } = process.memoryUsage();
  return { rss, heapUsed, arrayBuffers, external, gcForced: gc !== null };
}

process.on('message', (message: unknown) => {
  if (message === 'sample') process.send?.({ sample: sample() });
});
// The parent went away (or said stop): nothing else would end this process.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
process.send?.({ url: server.url });
