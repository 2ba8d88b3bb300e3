// A small fixed-seed fuzz campaign (the full one is `npm run fuzz`): against the mock it finds
// nothing and leaves the state as it was; against broken servers it reports what they do wrong.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { fuzzPassed, fuzzTargets, runFuzzCampaign } from './fuzz-campaign.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await createMockServer({});
});
afterAll(() => mock.close());

/** A proxy in front of the mock that breaks it one way: `breaks(raw request head)` decides. */
async function brokenProxy(breaks: (method: string, url: string) => { status: number } | 'accept' | null): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const broken = breaks(req.method ?? '', req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (broken === 'accept') return res.writeHead(204).end();
      if (broken) return res.writeHead(broken.status, { 'content-type': 'application/problem+json' }).end('{"code":"internal-error"}');
      // Pass everything else to the real mock, whose state the campaign hashes through /__admin/state.
      fetch(mock.url + (req.url ?? '/'), { method: req.method, headers: { authorization: req.headers.authorization ?? '' } })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await answer.arrayBuffer())))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('fuzz campaign', () => {
  it('sends 1,500 invalid requests over every operation and admin route to the mock: no 5xx, all answered, state unchanged', async () => {
    const result = await runFuzzCampaign({ url: mock.url, requests: 1_500, seed: 7 });
    expect(result.serverErrors).toEqual([]);
    expect(result.unanswered).toEqual([]);
    expect(result.acceptedWrites).toEqual([]);
    expect(result.stateAfter).toBe(result.stateBefore);
    expect(fuzzPassed(result)).toBe(true);
    // Every contract operation (36) and admin route was aimed at.
    expect(Object.keys(result.byTarget).sort()).toEqual(fuzzTargets().map((t) => t.label).sort());
    expect(result.byStatus['500']).toBeUndefined();
  }, 120_000);

  it('is replayable: the same seed sends the same requests and gets the same tallies', async () => {
    const first = await runFuzzCampaign({ url: mock.url, requests: 200, seed: 3 });
    const again = await runFuzzCampaign({ url: mock.url, requests: 200, seed: 3 });
    expect(again.byTarget).toEqual(first.byTarget);
    expect(again.byDefect).toEqual(first.byDefect);
  }, 120_000);

  it('catches a server that answers 500 to a path trick, naming the request to replay', async () => {
    const proxy = await brokenProxy((_method, url) => (url.includes('%00') || url.includes('%2e%2e') ? { status: 500 } : null));
    try {
      const result = await runFuzzCampaign({ url: proxy.url, requests: 400, seed: 7 });
      expect(fuzzPassed(result)).toBe(false);
      expect(result.serverErrors.length).toBeGreaterThan(0);
      const [first] = result.serverErrors;
      const replay = await runFuzzCampaign({ url: proxy.url, requests: 0, seed: 7, only: [first?.index ?? -1] });
      expect(replay.serverErrors.map((f) => f.index)).toEqual([first?.index]);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('catches a server that accepts a write it should refuse', async () => {
    const proxy = await brokenProxy((method, url) => (method === 'DELETE' && url.startsWith('/v1/') ? 'accept' : null));
    try {
      const result = await runFuzzCampaign({ url: proxy.url, requests: 400, seed: 7 });
      expect(result.acceptedWrites.length).toBeGreaterThan(0);
      expect(fuzzPassed(result)).toBe(false);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
