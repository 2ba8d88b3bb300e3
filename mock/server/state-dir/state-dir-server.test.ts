// `createMockServer({ stateDir })` over real sockets: a restart comes back to the state, a write the
// disk refuses is 507 and changes nothing, a torn journal starts up to its last whole record, and
// an unreadable one stops the start.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendChecked } from '../../test-support/checked-http.js';
import { faultyFs, type FsFaults } from '../../test-support/faulty-fs.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';

const dirs: string[] = [];
const servers: MockServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-dir-'));
  dirs.push(dir);
  return dir;
}

async function serve(dir: string, faults: FsFaults = {}): Promise<MockServer> {
  const server = await createMockServer({ stateDir: dir, stateDirOptions: { fs: faultyFs(faults) } });
  servers.push(server);
  return server;
}

async function stop(server: MockServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

async function exported(server: MockServer): Promise<unknown> {
  const { exportedAt: _at, ...state } = (await sendChecked(server.url, 'GET', '/__admin/state')).json as Record<string, unknown>;
  return state;
}

describe('--state-dir', () => {
  it('comes back after a restart to the state it had, demo fixtures and changes alike', async () => {
    const dir = stateDir();
    const first = await serve(dir);
    const created = await sendChecked(first.url, 'POST', '/v1/sessions', { json: { title: 'kept' } });
    expect(created.status).toBe(201);
    expect((await sendChecked(first.url, 'PUT', `/v1/sessions/${created.json.id}/files/notes.md`, { body: '# kept\n' })).status).toBe(201);
    await sendChecked(first.url, 'PUT', '/__admin/clock', { json: { advanceSeconds: 3600 } });
    const before = await exported(first);
    const clock = (await sendChecked(first.url, 'GET', '/__admin/clock')).json as { now: string };
    await stop(first);

    const second = await serve(dir);
    expect(second.stateDir).toMatchObject({ path: join(dir, 'journal'), restoredChanges: 2, notes: [] });
    expect(await exported(second)).toEqual(before);
    expect((await sendChecked(second.url, 'GET', `/v1/sessions/${created.json.id}/files/notes.md`)).text).toBe('# kept\n');
    // The clock was set an hour ahead; it still is.
    const now = Date.parse(((await sendChecked(second.url, 'GET', '/__admin/clock')).json as { now: string }).now);
    expect(now).toBeGreaterThanOrEqual(Date.parse(clock.now));
    expect(now - Date.now()).toBeGreaterThan(3_500_000);
    // A reset goes back to the fixtures, and that too survives a restart.
    expect((await sendChecked(second.url, 'POST', '/__admin/reset')).status).toBe(204);
    await stop(second);
    const third = await serve(dir);
    expect(third.stateDir?.restoredChanges).toBe(0);
    expect((await sendChecked(third.url, 'GET', `/v1/sessions/${created.json.id}`)).status).toBe(404);
  });

  it('answers 507 storage-failed when the disk refuses a write, keeps reads working, and takes writes again once it recovers', async () => {
    const dir = stateDir();
    const faults: FsFaults = {};
    const server = await serve(dir, faults);
    const s = await sendChecked(server.url, 'POST', '/v1/sessions', { json: { title: 'one' } });
    const before = await exported(server);
    faults.write = 'ENOSPC';
    const refused = await sendChecked(server.url, 'PUT', `/v1/sessions/${s.json.id}/files/a.txt`, { body: 'lost' });
    expect(refused).toMatchObject({ status: 507, headers: { 'content-type': 'application/problem+json' }, json: { code: 'storage-failed' } });
    expect((await sendChecked(server.url, 'POST', '/__admin/reset')).json).toMatchObject({ status: 507, code: 'storage-failed' });
    expect((await sendChecked(server.url, 'PUT', '/__admin/clock', { json: { advanceSeconds: 60 } })).json).toMatchObject({ code: 'storage-failed' });
    expect((await sendChecked(server.url, 'GET', `/v1/sessions/${s.json.id}/files/a.txt`)).status).toBe(404);
    expect(await exported(server)).toEqual(before);
    delete faults.write;
    expect((await sendChecked(server.url, 'PUT', `/v1/sessions/${s.json.id}/files/a.txt`, { body: 'kept' })).status).toBe(201);
    const after = await exported(server);
    await stop(server);
    expect(await exported(await serve(dir))).toEqual(after);
  });

  it('starts from the last whole record of a torn journal and says so', async () => {
    const dir = stateDir();
    const first = await serve(dir);
    const s = await sendChecked(first.url, 'POST', '/v1/sessions', { json: { title: 'whole' } });
    const before = await exported(first);
    await stop(first);
    const journal = join(dir, 'journal');
    writeFileSync(journal, Buffer.concat([readFileSync(journal), Buffer.from([40, 0, 0, 0, 1, 2])]));
    const second = await serve(dir);
    expect(second.stateDir?.notes).toEqual([expect.stringMatching(/is cut short; cut 6 bytes after the last whole record/)]);
    expect(await exported(second)).toEqual(before);
    expect((await sendChecked(second.url, 'GET', `/v1/sessions/${s.json.id}`)).status).toBe(200);
  });

  it('refuses to start from a journal it cannot read, leaving it as it was and the directory unlocked', async () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'journal'), '{"not":"a journal"}');
    await expect(serve(dir)).rejects.toThrow(/journal cannot be read: it is not a session-mock journal.*Move it away/);
    expect(readFileSync(join(dir, 'journal'), 'utf8')).toBe('{"not":"a journal"}');
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });
});
