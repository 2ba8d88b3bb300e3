// The session-mock CLI as a user runs it: built JS in a child process (npm test builds first).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/mock/cli.js', import.meta.url));

/** Starts the CLI and resolves with its URL once it prints the banner. */
function start(args: string[]): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within 15 s:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop: () => (child.kill('SIGINT'), exited) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${String(code)}:\n${output}`));
    });
  });
}

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
});
