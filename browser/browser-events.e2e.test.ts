// Contract §13 "Browsers" in a real browser: a page of another origin follows a session's events
// with README.md's fetch reader (follow-events.ts, built), through CORS, and resumes with Last-Event-ID.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './test-support/launch-chromium.js';
import { startPageServer, type PageServer } from './test-support/page-server.js';
import { startCorsMock, type CorsMock } from './test-support/start-cors-mock.js';

const TOKEN = 'demo-bea';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url));

interface PageRun { lastId: string | null; events: { id: string; type: string }[]; returned: string | null | undefined; error: string | null }

let browser: Browser;
let pages: PageServer;
let mock: CorsMock;
let page: Page;

async function api(method: string, path: string, body?: string): Promise<any> {
  const response = await fetch(`${mock.url}${path}`, { method, headers: { ...AUTH, 'content-type': 'text/plain' }, body });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

/** The session's whole log as JSON pages: what the stream's backlog must be. */
async function loggedEvents(sessionId: string): Promise<{ id: string; type: string }[]> {
  const page = await api('GET', `/v1/sessions/${sessionId}/events?limit=200`);
  return page.items.map((event: any) => ({ id: event.id, type: event.type }));
}

const runs = (): Promise<PageRun[]> => page.evaluate(() => (globalThis as any).eventsPage.runs);

/** Waits until the page's run `index` holds `count` events; the page's own state, not a timer. */
async function eventsOfRun(index: number, count: number): Promise<PageRun['events']> {
  const arrived = page.waitForFunction(([i, n]) => ((globalThis as any).eventsPage.runs[i]?.events.length ?? 0) >= n, [index, count] as const, { timeout: 10_000 });
  // On a timeout, say what the page got (a CORS refusal shows as the run's error) rather than just "timed out".
  await arrived.catch(async (error: unknown) => {
    throw new Error(`the page's run ${index} did not reach ${count} events: ${JSON.stringify(await runs())}`, { cause: error });
  });
  return (await runs())[index]?.events ?? [];
}

beforeAll(async () => {
  browser = await launchChromium();
  pages = await startPageServer();
  mock = await startCorsMock(pages.origin);
  page = await browser.newPage();
  await page.goto(`${pages.origin}/`);
  await page.waitForFunction(() => (globalThis as any).eventsPage !== undefined);
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
  await pages?.close();
});

describe('following events from a browser page of another origin', () => {
  it('gets the backlog, a live event, and after an abort resumes with Last-Event-ID from the next event only', async () => {
    const session = (await api('GET', '/v1/sessions?limit=1')).items[0].id as string;
    await api('PUT', `/v1/sessions/${session}/files/${encodeURIComponent('notes/before.txt')}`, 'written before the page connects');
    const backlog = await loggedEvents(session);
    expect(backlog.map((e) => e.type)).toEqual(expect.arrayContaining(['session.created', 'file.written']));
    const url = `${mock.url}/v1/sessions/${session}/events`;
    await api('DELETE', '/__admin/requests');

    await page.evaluate(([u, t]) => (globalThis as any).eventsPage.start(u, t), [url, TOKEN] as const);
    expect(await eventsOfRun(0, backlog.length)).toEqual(backlog);

    await api('PUT', `/v1/sessions/${session}/files/${encodeURIComponent('notes/live.txt')}`, 'written while the page follows');
    const first = await eventsOfRun(0, backlog.length + 1);
    const live = first[backlog.length];
    expect(live?.type).toBe('file.written');
    expect(first).toHaveLength(backlog.length + 1);

    await page.evaluate(() => (globalThis as any).eventsPage.stop());
    const stopped = (await runs())[0];
    expect(stopped).toMatchObject({ returned: live?.id, error: null });

    // Written while the page is away: the resumed stream must start here, sending nothing twice.
    await api('PUT', `/v1/sessions/${session}/files/${encodeURIComponent('notes/away.txt')}`, 'written while disconnected');
    await page.evaluate(([u, t, id]) => (globalThis as any).eventsPage.start(u, t, id), [url, TOKEN, live?.id ?? ''] as const);
    await eventsOfRun(1, 1);
    await api('PUT', `/v1/sessions/${session}/files/${encodeURIComponent('notes/after.txt')}`, 'written after the resume');
    const all = await loggedEvents(session);
    const after = all.slice(all.findIndex((e) => e.id === live?.id) + 1);
    expect(await eventsOfRun(1, after.length)).toEqual(after);
    expect(after.map((e) => e.type)).toContain('file.written');
    expect((await runs())[1]).toMatchObject({ lastId: live?.id, error: null });

    // The browser asked before it sent Authorization cross-origin, and the mock allowed the page's origin.
    const log = (await api('GET', '/__admin/requests?limit=500')).items as { method: string; url: string; status: number }[];
    expect(log).toContainEqual(expect.objectContaining({ method: 'OPTIONS', url: `/v1/sessions/${session}/events`, status: 204 }));
    expect(log.filter((r) => r.method === 'GET' && r.url === `/v1/sessions/${session}/events`).map((r) => r.status)).toEqual([200, 200]);

    mkdirSync(REPORTS, { recursive: true });
    await page.screenshot({ path: `${REPORTS}browser-events.png`, fullPage: true });
    await page.evaluate(() => (globalThis as any).eventsPage.stop());
  });

  it('shows why: an EventSource cannot send the token, so the mock answers 401 and the source closes', async () => {
    const session = (await api('GET', '/v1/sessions?limit=1')).items[0].id as string;
    const url = `${mock.url}/v1/sessions/${session}/events`;
    const answered = page.waitForResponse((response) => response.url() === url && response.request().resourceType() === 'eventsource', { timeout: 10_000 });
    const readyState = await page.evaluate((u) => (globalThis as any).eventsPage.eventSource(u), url);
    expect(readyState).toBe(2); // CLOSED: a non-200 answer fails the source for good, no retry
    const response = await answered;
    expect(response.status()).toBe(401);
    expect(response.request().headers().authorization).toBeUndefined();
  });
});
