// A crash loses nothing acknowledged (#13 §2): a write load on `session-mock --state-dir`, killed
// with SIGKILL at random moments, restarted each time on the same directory. Every change a client
// saw acknowledged must be there after the restart, and nothing a client did not send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../app/faults.js';
import { sendChecked } from '../../test-support/checked-http.js';
import { startCli, type CliProcess } from '../../test-support/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the clients sent and what the mock acknowledged, over every round. */
const sentTitles = new Set<string>();
const sentContents = new Map<string, Set<string>>();
const ackedSessions = new Map<string, string>();
const ackedFiles = new Map<string, string>();

/** One writer: creates a session, writes files into it, and goes on until the mock dies under it. */
async function writer(url: string, name: string): Promise<void> {
  for (let n = 0; ; n += 1) {
    const title = `${name}-${n}`;
    sentTitles.add(title);
    let sessionId: string;
    try {
      const created = await sendChecked(url, 'POST', '/v1/sessions', { json: { title } });
      expect(created.status).toBe(201);
      sessionId = created.json.id as string;
      ackedSessions.set(sessionId, title);
    } catch (error) {
      if (error instanceof Error && /contract violation|expected/.test(error.message)) throw error;
      return; // The mock was killed: the connection failed.
    }
    for (let f = 0; f < 3; f += 1) {
      const content = `${title} file ${f}`;
      const key = `${sessionId}/f${f}.txt`;
      const seen = sentContents.get(key) ?? new Set<string>();
      seen.add(content);
      sentContents.set(key, seen);
      try {
        const put = await sendChecked(url, 'PUT', `/v1/sessions/${sessionId}/files/f${f}.txt`, { body: content });
        expect(put.status).toBe(201);
        ackedFiles.set(key, content);
      } catch (error) {
        if (error instanceof Error && /contract violation|expected/.test(error.message)) throw error;
        return;
      }
    }
  }
}

/** Every session the mock lists now, by id, with its title (all pages). */
async function listed(url: string): Promise<Map<string, string>> {
  const sessions = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page = await sendChecked(url, 'GET', `/v1/sessions?limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    expect(page.status).toBe(200);
    for (const item of page.json.items as { id: string; title?: string }[]) sessions.set(item.id, item.title ?? '');
    cursor = page.json.nextCursor as string | null;
  } while (cursor !== null);
  return sessions;
}

/** The restarted mock holds every acknowledged change, and only changes that were sent. */
async function checkRestored(mock: CliProcess): Promise<void> {
  const sessions = await listed(mock.url);
  for (const [id, title] of ackedSessions) expect(sessions.get(id), `acknowledged session ${id} (${title})`).toBe(title);
  const ours = [...sessions].filter(([, title]) => /^r\d+-w\d+-\d+$/.test(title));
  for (const [id, title] of ours) {
    expect(sentTitles.has(title), `session ${id} titled ${title} was never sent`).toBe(true);
    const files = await sendChecked(mock.url, 'GET', `/v1/sessions/${id}/files`);
    for (const file of files.json.items as { path: string }[]) {
      const key = `${id}/${file.path}`;
      const content = (await sendChecked(mock.url, 'GET', `/v1/sessions/${id}/files/${file.path}`)).text;
      expect(sentContents.get(key)?.has(content), `${key} holds ${content}, which was never sent`).toBe(true);
    }
  }
  for (const [key, content] of ackedFiles) {
    const [id, path] = key.split('/') as [string, string];
    expect((await sendChecked(mock.url, 'GET', `/v1/sessions/${id}/files/${path}`)).text, `acknowledged ${key}`).toBe(content);
  }
}

describe('session-mock --state-dir under SIGKILL', () => {
  it('keeps every acknowledged change through five kills at random moments, and nothing half-applied', async () => {
    // Seeded, so a failing run can be told apart from a flaky one.
    const next = seededRandom(20261203);
    for (let round = 0; round < 5; round += 1) {
      const mock = await startCli(['--port', '0', '--state-dir', dir]);
      await checkRestored(mock);
      const writers = Array.from({ length: 8 }, (_, w) => writer(mock.url, `r${round}-w${w}`));
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(next() * 400)));
      await mock.kill();
      await Promise.all(writers);
    }
    expect(ackedSessions.size).toBeGreaterThan(40);
    const last = await startCli(['--port', '0', '--state-dir', dir]);
    try {
      await checkRestored(last);
      // The last mock was killed too: its lock was taken over, not left stuck.
      expect(last.output()).toContain(`State: journaled to ${join(dir, 'journal')}`);
    } finally {
      await last.stop();
    }
  }, 120_000);
});
