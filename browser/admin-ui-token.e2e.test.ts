// /__admin/ui on a mock started with --admin-token, in real Chromium: the page and its scripts load
// without the token, every data read sends it. It arrives in the URL fragment (gone from the address
// bar once read) or through the form a 401 shows; a wrong one brings the form back with an error.
// No request the mock sees carries the token in its URL.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../mock/app/request-log.js';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { launchChromium } from './test-support/launch-chromium.js';

// `+`, `&` and `#` would be mangled by query-string parsing: the fragment takes the token as written.
const TOKEN = 'ui-admin+token&0123#456789';
const POLL = { timeout: 10_000, interval: 100 };

let browser: Browser;
let mock: MockServer;
const seen: LogEntry[] = [];
const pageErrors: string[] = [];
/** In the page: the address bar's fragment and URL, and the token the tab keeps (the test's tsconfig has no DOM types). */
const fragmentAndUrl = (): string[] => [(globalThis as any).location.hash, (globalThis as any).location.href];
const keptToken = (): string | null => (globalThis as any).sessionStorage.getItem('session-mock-admin-token');

/** An admin read with the token (or `token`), its status and JSON body. */
async function admin(path: string, token: string | null = TOKEN): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(`${mock.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** The admin API's refusal, as mock/app/admin-access.ts builds it (off the contract, like the admin API). */
function expectRefused(answer: { status: number; headers: Headers; json: any }): void {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(Object.keys(answer.json).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
  expect(answer.json.code).toBe('admin-unauthenticated');
}

/** The session ids the mock holds, in the order the UI lists them (by tenant, then creation). */
async function sessionIds(): Promise<string[]> {
  const { items } = (await admin('/__admin/sessions')).json as { items: { id: string; tenantId: string }[] };
  return [...new Set(items.map((s) => s.tenantId))].sort().flatMap((t) => items.filter((s) => s.tenantId === t).map((s) => s.id));
}

const shownSessions = (page: Page): Promise<(string | null)[]> => page.locator('#sessions-body tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));

/** A fresh tab (its own sessionStorage), collecting uncaught errors. */
async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  mock = await createMockServer({ port: 0, admin: { kind: 'token', token: TOKEN }, onRequest: (entry) => seen.push(entry) });
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe('/__admin/ui with --admin-token', () => {
  it('serves the page and its files without the token; every data route still needs it', async () => {
    for (const [path, type] of [['/__admin/ui', 'text/html'], ['/__admin/ui/app.js', 'text/javascript'], ['/__admin/ui/admin-token.js', 'text/javascript'], ['/__admin/ui/admin-ui.css', 'text/css'], ['/__admin/ui/dagre.min.js', 'text/javascript']] as const) {
      const page = await admin(path, null);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toContain(type);
      expect(page.headers.get('content-security-policy'), path).toContain("connect-src 'self'");
    }
    for (const path of ['/__admin', '/__admin/sessions', '/__admin/lineage', '/__admin/state', '/__admin/events']) expectRefused(await admin(path, null));
    expectRefused(await admin('/__admin/sessions', `${TOKEN}x`));
    expect((await admin('/__admin/sessions')).status).toBe(200);
  });

  it('takes the token from #token=, drops it from the address bar, and follows the event stream with it', async () => {
    const page = await newPage();
    await page.goto(`${mock.url}/__admin/ui#token=${TOKEN}`);
    const ids = await sessionIds();
    expect(ids.length).toBeGreaterThan(3);
    await expect.poll(() => shownSessions(page), POLL).toEqual(ids);
    expect(await page.evaluate(fragmentAndUrl)).toEqual(['', `${mock.url}/__admin/ui`]);
    expect(await page.evaluate(keptToken)).toBe(TOKEN);
    expect(await page.locator('#token-form').isHidden()).toBe(true);
    // A change through the API reaches the page over GET /__admin/events, which needs the token too.
    const before = (await page.evaluate(() => (globalThis as any).adminUi.eventsSeen)) as number;
    const created = await fetch(`${mock.url}/v1/sessions`, { method: 'POST', headers: { authorization: 'Bearer demo-ana', 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Made while the token UI watches' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await expect.poll(() => page.evaluate(() => (globalThis as any).adminUi.eventsSeen), POLL).toBeGreaterThan(before);
    await page.locator(`tr[data-session-id="${id}"]`).waitFor();
    await page.context().close();
  });

  it('without a token shows the form; the pasted token shows the data, survives a reload, and can be forgotten', async () => {
    const page = await newPage();
    await page.goto(`${mock.url}/__admin/ui`);
    await page.locator('#token-form').waitFor();
    expect(await page.locator('#token-error').textContent()).toContain('--admin-token');
    expect(await shownSessions(page)).toEqual([]);
    await page.getByLabel("Admin token (the mock's --admin-token)").fill(TOKEN);
    await page.getByRole('button', { name: 'Use the token' }).click();
    await expect.poll(() => shownSessions(page), POLL).toEqual(await sessionIds());
    expect(await page.locator('#token-form').isHidden()).toBe(true);
    await page.reload();
    await expect.poll(() => shownSessions(page), POLL).toEqual(await sessionIds());
    expect(await page.locator('#token-form').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Forget the admin token' }).click();
    // It reloads without the token: the form again, and nothing the token had shown.
    await page.locator('#token-form').waitFor();
    expect(await shownSessions(page)).toEqual([]);
    expect(await page.evaluate(keptToken)).toBeNull();
    await page.context().close();
  });

  it('a wrong token brings the form back with an error, and is not kept', async () => {
    const page = await newPage();
    await page.goto(`${mock.url}/__admin/ui#token=not-the-admin-token-42`);
    await page.locator('#token-form').waitFor();
    await expect.poll(() => page.locator('#token-error').textContent(), POLL).toContain('refused that token');
    expect((await page.evaluate(fragmentAndUrl))[0]).toBe('');
    expect(await page.evaluate(keptToken)).toBeNull();
    await page.getByLabel("Admin token (the mock's --admin-token)").fill('still-the-wrong-token-43');
    await page.getByRole('button', { name: 'Use the token' }).click();
    await expect.poll(() => page.locator('#token-form').isVisible(), POLL).toBe(true);
    expect(await page.locator('#token-error').textContent()).toContain('refused that token');
    expect(await shownSessions(page)).toEqual([]);
    await page.getByLabel("Admin token (the mock's --admin-token)").fill(TOKEN);
    await page.getByRole('button', { name: 'Use the token' }).click();
    await expect.poll(() => shownSessions(page), POLL).toEqual(await sessionIds());
    await page.context().close();
  });

  it('never had the token in a URL the mock saw, and threw nothing', () => {
    expect(seen.filter((entry) => entry.url.startsWith('/__admin/ui')).length).toBeGreaterThan(0);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(pageErrors).toEqual([]);
  });
});
