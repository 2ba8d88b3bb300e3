// session-api-toolkit/msw in a real browser: Chromium loads a page that starts the mock as a
// service worker (MSW setupWorker) and runs README.md's walkthrough through fetch, event stream
// included; every answer is checked against the contract here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations } from '../../mock/test-support/checked-core.js';
import type { WalkthroughResult } from '../../mock/test-support/fetch-walkthrough.js';
import { launchChromium } from '../test-support/launch-chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('../../node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  const bundle = await build({ absWorkingDir: ROOT, entryPoints: ['browser/msw-page/msw-page.ts'], bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' });
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>MSW page</title><script type="module" src="/main.js"></script>' },
    '/main.js': { type: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]?.text ?? '' },
    '/mockServiceWorker.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(WORKER, 'utf8') },
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found: the service worker should have answered this');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('session-api-toolkit/msw in Chromium (setupWorker)', () => {
  it('answers the README walkthrough from a service worker, event stream included', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => {
      const state = (globalThis as any).mswPage;
      return state !== undefined && (state.result !== undefined || state.error !== undefined);
    }, undefined, { timeout: 30_000 });
    const state = (await page.evaluate(() => (globalThis as any).mswPage)) as { result?: WalkthroughResult; error?: string; servedBy?: string };
    expect(state.error).toBeUndefined();
    expect(state.servedBy).toBe('session-mock (msw)');
    const result = state.result as WalkthroughResult;
    for (const answer of result.answers) {
      const violations = contractViolations({ method: answer.method, url: answer.path, headers: {} }, { status: answer.status, headers: answer.headers, body: new TextEncoder().encode(answer.text) });
      expect(violations, `${answer.method} ${answer.path}`).toEqual([]);
    }
    expect(result.conflict).toMatchObject({ code: 'merge-conflict', conflicts: [{ path: 'src/app.ts', reason: 'both-changed' }] });
    expect(result.commit).toMatchObject({ revision: result.summary.revision });
    expect(result.liveEvent).toMatchObject({ type: 'file.written', data: { path: 'live.txt' } });
    await page.close();
  }, 60_000);
});
