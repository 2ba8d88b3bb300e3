// The session-mock CLI as a user runs it: built JS in a child process (npm test builds first).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { CLI, startCli } from './test-support/cli-process.js';

const start = startCli;

describe('session-mock CLI', () => {
  it('serves the demo fixtures, prints tokens and the admin URL, logs requests and stops on Ctrl-C', async () => {
    const mock = await start(['--port', '0', '--log']);
    expect(mock.output()).toContain('demo-ana');
    expect(mock.output()).toContain('/__admin');
    const response = await request(`${mock.url}/v1/sessions?limit=1`, { headers: { authorization: 'Bearer demo-ana' } });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mock.output()).toMatch(/ 200 GET \/v1\/sessions\?limit=1 /);
    expect(await mock.stop()).toBe(0);
    expect(mock.output()).toContain('Stopped.');
  });

  it('with --admin-token points at the UI with a placeholder for the token, never the token', async () => {
    const secret = 'banner-admin-token-0123456789';
    const mock = await start(['--port', '0', '--admin-token', secret]);
    expect(mock.output()).toMatch(/Admin UI: +http:\/\/\S+\/__admin\/ui#token=<your admin token> /);
    expect(mock.output()).not.toContain(secret);
    await mock.stop();
  });

  it('with --auth off answers every request as the default principal, and says so', async () => {
    const mock = await start(['--port', '0', '--auth', 'off']);
    expect(mock.output()).toContain('Every request acts as usr_ana (tenant acme, admin), whatever token it sends.');
    const response = await request(`${mock.url}/v1/sessions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(201);
    const created = (await response.body.json()) as { ownerId: string };
    expect(created.ownerId).toBe('usr_ana');
    // A known token of another tenant changes nothing: the request is still demo-ana's.
    const asErin = await request(`${mock.url}/v1/sessions?limit=200`, { headers: { authorization: 'Bearer demo-erin' } });
    const listed = (await asErin.body.json()) as { items: { tenantId: string }[] };
    expect(new Set(listed.items.map((s) => s.tenantId))).toEqual(new Set(['acme']));
    await mock.stop();
  });

  it('refuses bad flags with a message and a non-zero exit', () => {
    const result = spawnSync(process.execPath, [CLI, '--latency', 'soon'], { encoding: 'utf8', timeout: 15_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/--latency/);
  });

  // Each of these used to start anyway: on 4010, a random port, port 16, with CORS off, or with
  // a latency the admin API refuses. A start would be killed at the timeout (status null).
  it.each([
    ['--port', 'with no value', ['--port']],
    ['--port', 'empty', ['--port', '']],
    ['--port', 'in hex', ['--port', '0x10']],
    ['--port', 'given twice', ['--port', '4010', '--port', '0']],
    ['--cors', 'with no value', ['--cors']],
    ['--cors', 'not a keyword or an origin', ['--cors', 'bogus']],
    ['--cors', 'with an origin that has a path', ['--cors', 'http://localhost:5173,https://app.example/']],
    ['--latency', 'over the admin API cap of 60000 ms', ['--latency', '3000000000']],
    ['--latency', 'with a range past the cap', ['--latency', '10-60001']],
    ['--allowed-hosts', 'with a port', ['--allowed-hosts', 'mock.test:4010']],
    ['--admin', 'not on or off', ['--admin', 'maybe']],
    ['--admin-token', 'too short to be a secret', ['--admin-token', 'short-secret']],
    ['--admin-token', 'given with --admin off', ['--admin', 'off', '--admin-token', 'a-long-enough-secret-123']],
  ])('exits 2 with one line naming %s when it is %s', (flag, _label, args) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });
    expect(result.status, result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^session-mock: ${flag} `))]);
  });

  it('refuses a bind off the loopback without an admin credential, and never prints an admin token', () => {
    const open = spawnSync(process.execPath, [CLI, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect(open.status, open.stdout).toBe(2);
    expect(open.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^session-mock: binding 0\.0\.0\.0 .*--admin-token <secret> or --admin off$/)]);
    const short = spawnSync(process.execPath, [CLI, '--admin-token', 'tiny-secret'], { encoding: 'utf8', timeout: 10_000 });
    expect(short.status).toBe(2);
    expect(short.stderr + short.stdout).not.toContain('tiny-secret');
  });

  it('exits 2 with one line naming the step when a fixture\'s filesFrom leaves its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-fixture-'));
    const outside = mkdtempSync(join(tmpdir(), 'cli-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'not for fixtures');
      const step = { method: 'POST', path: '/v1/sessions', json: {}, filesFrom: `../${basename(outside)}` };
      writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: 'escape', principals: [{ token: 't', principalId: 'p', tenantId: 't' }], defaultToken: 't', steps: [step] }));
      const result = spawnSync(process.execPath, [CLI, '--port', '0', '--fixtures', dir], { encoding: 'utf8', timeout: 10_000 });
      expect(result.status, result.stdout).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^session-mock: fixture .*scenario\.json: step 0 \(filesFrom \.\.\/cli-outside-\w+\): leaves the fixture directory/)]);
    } finally {
      for (const made of [dir, outside]) rmSync(made, { recursive: true, force: true });
    }
  });

  it('keeps its state in --state-dir across a restart, and exits 2 with one line when the directory is held or unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-state-'));
    try {
      const first = await start(['--port', '0', '--state-dir', dir]);
      expect(first.output()).toContain(`State: journaled to ${join(dir, 'journal')} (POST /__admin/reset goes back to the fixtures)`);
      const created = await request(`${first.url}/v1/sessions`, { method: 'POST', headers: { authorization: 'Bearer demo-ana', 'content-type': 'application/json' }, body: '{"title":"kept"}' });
      expect(created.statusCode).toBe(201);
      await created.body.dump();
      // A second mock on the same directory while the first lives.
      const held = spawnSync(process.execPath, [CLI, '--port', '0', '--state-dir', dir], { encoding: 'utf8', timeout: 10_000 });
      expect(held.status, held.stdout).toBe(2);
      expect(held.stderr.trimEnd().split('\n')).toEqual([`session-mock: --state-dir: ${dir} is in use by session-mock pid ${first.pid} (${join(dir, 'lock')}); stop that mock, or give another --state-dir`]);
      expect(await first.stop()).toBe(0);
      const second = await start(['--port', '0', '--state-dir', dir]);
      expect(second.output()).toContain('1 changes restored');
      expect(await second.stop()).toBe(0);
      writeFileSync(join(dir, 'journal'), 'session-mock journal 7\n');
      const unreadable = spawnSync(process.execPath, [CLI, '--port', '0', '--state-dir', dir], { encoding: 'utf8', timeout: 10_000 });
      expect(unreadable.status, unreadable.stdout).toBe(2);
      expect(unreadable.stdout).toBe('');
      expect(unreadable.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^session-mock: .*journal cannot be read: it is journal format version 7; this session-mock reads version 1\. Move it away/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts a comma-separated list of origins for --cors and answers those origins', async () => {
    const mock = await start(['--port', '0', '--cors', 'http://localhost:3000, https://app.example', '--latency', '0-60000', '--log']);
    await mock.stop();
    const listed = await start(['--port', '0', '--cors', 'http://localhost:3000,https://app.example']);
    const allowed = await request(`${listed.url}/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    await allowed.body.dump();
    const other = await request(`${listed.url}/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await other.body.dump();
    expect(await listed.stop()).toBe(0);
  });
});

describe('npm start', () => {
  // npm runs the script through `sh -c`; dash neither execs node nor passes a SIGTERM on, so the
  // mock has to notice that its shell is gone (--stop-with-parent in the start script).
  it.skipIf(process.platform === 'win32')('stops the mock when npm gets SIGTERM (POSIX only: Windows has no SIGTERM to pass on)', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    // --ignore-scripts skips prestart's build (npm test built already); `start` itself still runs.
    const npm = spawn('npm', ['start', '--ignore-scripts', '--', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // stdout stays open until the last process holding it, the mock itself, has exited.
    const closed = new Promise<void>((resolve) => npm.stdout.once('close', resolve));
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], { timeout: 15_000, interval: 100 }).toBeTruthy();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
      expect((await request(`${url}/__admin`)).statusCode).toBe(200);
      npm.kill('SIGTERM');
      const outcome = await Promise.race([closed.then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000))]);
      expect(outcome, output).toBe('stopped');
      expect(output).toContain('Stopped.');
      await expect(request(`${url}/__admin`)).rejects.toThrow();
    } finally {
      // npm started its own process group: whatever is left of it goes.
      try {
        process.kill(-(npm.pid as number), 'SIGKILL');
      } catch {
        // Nothing left.
      }
    }
  });
});
