// The events bench's floor server, run from dist/ as the bench runs it: behaviour only, no timing.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../mock/test-support/sse-client.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { freePort } from './free-port.js';
import { openStreamPool } from './sse-clients.js';

let floor: ChildServer;
beforeAll(async () => {
  const port = await freePort();
  // The built server, as `npm run bench:events` starts it (npm test builds first).
  const script = fileURLToPath(new URL('../dist/bench/fanout-floor-server.js', import.meta.url));
  floor = await startChildServer({ name: 'fan-out floor', command: process.execPath, args: [script, String(port)], url: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await floor.stop();
});

describe('fan-out floor server', () => {
  it('writes one frame per PUT to the streams of that session only, and answers every request', async () => {
    const watched = await openStreamPool(floor.url, 't', ['ses_a'], 2);
    const other = await openStreamPool(floor.url, 't', ['ses_b'], 1);
    const put = await fetch(`${floor.url}/v1/sessions/ses_a/files/README.md`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(200);
    await eventually(() => watched.bytes() > 0);
    const created = await fetch(`${floor.url}/v1/sessions`, { method: 'POST', body: '{}' });
    expect([created.status, await created.json()]).toEqual([201, { id: 'ses_floor' }]);
    const frame = watched.bytes() / 2;
    expect(frame).toBeGreaterThan(200);
    expect(other.bytes()).toBe(0);
    watched.close();
    other.close();
  });
});
