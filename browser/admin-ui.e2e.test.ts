// #14 §3 in real Chromium: /__admin/ui over the demo fixtures. Every expectation is computed from
// the admin read routes (GET /__admin/sessions, /__admin/lineage), not written down, so the test
// follows the fixtures. Each view's screenshot goes to test-artifacts/ui/.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { launchChromium } from './test-support/launch-chromium.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/ui/', import.meta.url));

let browser: Browser;
let mock: MockServer;
let page: Page;
const pageErrors: string[] = [];
/** The page polls every second: a change shows within a poll or two. */
const POLL = { timeout: 10_000, interval: 100 };

async function api(method: string, path: string, body?: unknown, token = 'demo-ana'): Promise<any> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
  const response = await fetch(`${mock.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

const sessions = async (): Promise<any[]> => (await api('GET', '/__admin/sessions')).items;
const lineage = (): Promise<any> => api('GET', '/__admin/lineage');
const attribute = (selector: string, name: string): Promise<(string | null)[]> => page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);

async function screenshot(section: string): Promise<void> {
  await page.locator(`#${section}`).screenshot({ path: `${ARTIFACTS}${section}.png` });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  mock = await createMockServer({ port: 0 });
  page = await browser.newPage({ viewport: { width: 1680, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${mock.url}/__admin/ui`);
  await page.waitForSelector('[data-node-kind="session"]');
  // Set once: still there at the end means the page never reloaded.
  await page.evaluate(() => ((globalThis as any).loadedOnce = true));
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe('/__admin/ui in Chromium', () => {
  it('lists the sessions by tenant in creation order, deleted and merged ones marked', async () => {
    const all = await sessions();
    const tenants = [...new Set(all.map((s) => s.tenantId))].sort();
    expect(await attribute('#sessions-body [data-tenant]', 'data-tenant')).toEqual(tenants);
    for (const tenant of tenants) {
      expect(await attribute(`[data-tenant="${tenant}"] tbody tr`, 'data-session-id')).toEqual(all.filter((s) => s.tenantId === tenant).map((s) => s.id));
    }
    const deleted = all.filter((s) => s.deleted).map((s) => s.id);
    expect(deleted.length).toBeGreaterThan(0);
    expect(await attribute('#sessions-body tr.deleted', 'data-session-id')).toEqual(deleted);
    for (const merged of all.filter((s) => s.status === 'merged')) {
      await expect.poll(() => page.locator(`tr[data-session-id="${merged.id}"] [data-field="status"]`).textContent(), POLL).toContain(`merged into ${merged.mergedIntoSessionId}`);
    }
    const first = all[0];
    expect(await page.locator(`tr[data-session-id="${first.id}"]`).textContent()).toContain(first.tags[0]);
    await screenshot('sessions');
  });

  it("draws the lineage graph: a node per revision and session, an edge per parent, the demo's forks and merges", async () => {
    const graph = await lineage();
    const nodes = await attribute('#lineage-graph [data-node-id]', 'data-node-id');
    expect([...nodes].sort()).toEqual([...graph.revisions.map((r: any) => `rev:${r.id}`), ...graph.sessions.map((s: any) => `ses:${s.id}`)].sort());
    const drawn = await page.locator('#lineage-graph [data-edge-id]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-edge-id')} ${e.getAttribute('data-edge-kind')}`));
    for (const edge of graph.edges) expect(drawn, edge.id).toContain(`${edge.id} ${edge.kind}`);
    expect(graph.forks.length).toBeGreaterThan(5);
    for (const fork of graph.forks) expect(await page.locator(`#lineage-graph [data-fork="${fork.sessionId}"]`).count(), fork.sessionId).toBe(1);
    expect(graph.merges.length).toBeGreaterThan(0);
    for (const merge of graph.merges) expect(await attribute(`#lineage-graph [data-merge="${merge.sessionId}"]`, 'data-edge-kind')).toEqual(['merged-into']);
    // Retired and deleted sessions are marked on their boxes.
    for (const s of graph.sessions.filter((x: any) => x.deleted || x.status === 'merged')) {
      expect(await page.locator(`[data-node-id="ses:${s.id}"]`).getAttribute('class')).toContain(s.deleted ? 'deleted' : 'merged');
    }
    // Keyboard: every node is focusable and labelled; Enter on a revision opens it in the file view.
    expect(new Set(await attribute('#lineage-graph [data-node-id]', 'tabindex'))).toEqual(new Set(['0']));
    expect((await attribute('#lineage-graph [data-node-id]', 'aria-label')).every((label) => (label ?? '').length > 10)).toBe(true);
    const checkpoint = graph.checkpoints[0];
    const node = page.locator(`[data-node-id="rev:${checkpoint.revision}"]`);
    expect(await node.getAttribute('aria-label')).toContain(`checkpoint ${checkpoint.label}`);
    await node.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#files-revision').inputValue(), POLL).toBe(checkpoint.revision);
    await screenshot('lineage');
    // One tenant: its sessions' boxes and revisions only.
    await page.getByLabel('Tenant', { exact: true }).selectOption('globex');
    const globex = graph.sessions.filter((s: any) => s.tenantId === 'globex').map((s: any) => s.id);
    const globexRevisions = graph.revisions.filter((r: any) => globex.includes(r.sessionId)).map((r: any) => `rev:${r.id}`);
    expect((await attribute('#lineage-graph [data-node-id]', 'data-node-id')).sort()).toEqual([...globexRevisions, ...globex.map((id: string) => `ses:${id}`)].sort());
    await page.getByLabel('Tenant', { exact: true }).selectOption('');
  });

  it('shows a change made through the public API without a reload: a new fork and its file', async () => {
    const web = (await sessions()).find((s) => s.title === 'Acme web app');
    const seenBefore = (await page.evaluate(() => (globalThis as any).adminUi.eventsSeen)) as number;
    const fork = await api('POST', `/v1/sessions/${web.id}/fork`, { title: 'Forked while the UI watches' });
    // The page hears of it over GET /__admin/events (a fork writes events to both sessions).
    await expect.poll(() => page.evaluate(() => (globalThis as any).adminUi.eventsSeen), POLL).toBeGreaterThan(seenBefore);
    await page.locator(`tr[data-session-id="${fork.id}"]`).waitFor();
    await page.locator(`[data-node-id="ses:${fork.id}"]`).waitFor();
    expect(await page.locator(`[data-fork="${fork.id}"]`).getAttribute('data-edge-kind')).toBe('head');
    const login = await (await fetch(`${mock.url}/__admin/revisions/${web.head}/files/${encodeURIComponent('src/login.tsx')}`)).text();
    await api('PUT', `/v1/sessions/${fork.id}/files/${encodeURIComponent('src/login.tsx')}`, `${login}// reviewed in the admin UI\n`);
    const head = (await api('GET', `/__admin/sessions/${fork.id}`)).head;
    await page.locator(`[data-node-id="rev:${head}"]`).waitFor();
    expect(await page.locator(`[data-fork="${fork.id}"]`).getAttribute('data-edge-kind')).toBe('fork');
    expect(await page.evaluate(() => (globalThis as any).loadedOnce)).toBe(true);
  });

  it("shows a session's files at a revision and the diff against another", async () => {
    const fork = (await sessions()).find((s) => s.title === 'Forked while the UI watches');
    await page.locator(`[data-node-id="ses:${fork.id}"]`).click();
    await expect.poll(() => page.locator('#files-revision').inputValue(), POLL).toBe(fork.head);
    expect(await page.locator('#files-compare').inputValue()).toBe(fork.baseRevision);
    const files = (await api('GET', `/__admin/revisions/${fork.head}/files`)).files.map((f: any) => f.path);
    await expect.poll(() => attribute('#files-list [data-path]', 'data-path'), POLL).toEqual(files);
    await expect.poll(() => attribute('#files-changes [data-change]', 'data-change'), POLL).toEqual(['modified']);
    await page.locator('#files-changes [data-path="src/login.tsx"]').click();
    await expect.poll(() => page.locator('#files-view .add').allTextContents(), POLL).toEqual(['+ // reviewed in the admin UI']);
    expect(await page.locator('#files-view .del').count()).toBe(0);
    await screenshot('files');
    // The file itself, as the admin route answers it.
    const readme = await (await fetch(`${mock.url}/__admin/revisions/${fork.head}/files/README.md`)).text();
    await page.locator('#files-list [data-path="README.md"]').click();
    await expect.poll(() => page.locator('#files-view').textContent(), POLL).toBe(readme);
  });

  it('toggles latency and error rules through /__admin/faults and shows the request log', async () => {
    const faults = async (): Promise<any> => api('GET', '/__admin/faults');
    await page.locator('#latency-on').check();
    await expect.poll(async () => (await faults()).latency, POLL).toEqual({ minMs: 200, maxMs: 800 });
    await page.getByLabel('operationId or *').fill('listSessions');
    await page.getByRole('button', { name: 'Add error rule' }).click();
    await expect.poll(async () => (await faults()).errors, POLL).toEqual([{ operationId: 'listSessions', status: 503, rate: 1 }]);
    const failed = await fetch(`${mock.url}/v1/sessions`, { headers: { authorization: 'Bearer demo-ana' } });
    expect(failed.status).toBe(503);
    await page.locator('#requests-body tr[data-status="503"]').first().waitFor();
    await screenshot('faults');
    await screenshot('requests');
    await page.getByRole('button', { name: 'Remove rule 1 (listSessions 503)' }).click();
    await expect.poll(async () => (await faults()).errors, POLL).toEqual([]);
    await page.locator('#latency-on').uncheck();
    await expect.poll(async () => (await faults()).latency, POLL).toBeNull();
    await page.locator('#latency-on').check();
    await expect.poll(async () => (await faults()).latency, POLL).not.toBeNull();
    await page.getByRole('button', { name: 'Remove all faults' }).click();
    await expect.poll(faults, POLL).toEqual({ latency: null, errors: [] });
    await expect.poll(() => page.locator('#latency-on').isChecked(), POLL).toBe(false);
  });

  it('exports (a download), resets and imports the state', async () => {
    const fork = (await sessions()).find((s) => s.title === 'Forked while the UI watches');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export (download)' }).click()]);
    const exported = `${ARTIFACTS}export.json`;
    await download.saveAs(exported);
    expect(JSON.parse(readFileSync(exported, 'utf8')).steps.length).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Reset to the fixtures' }).click();
    await page.locator(`tr[data-session-id="${fork.id}"]`).waitFor({ state: 'detached' });
    await page.getByLabel('Import a scenario').setInputFiles(exported);
    await page.locator(`tr[data-session-id="${fork.id}"]`).waitFor();
    await expect.poll(() => page.locator('#status').textContent(), POLL).toBe('Imported export.json');
    await screenshot('state');
    expect(pageErrors).toEqual([]);
  });
});
