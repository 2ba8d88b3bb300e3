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

  it('with --auth off answers requests without a token', async () => {
    const mock = await start(['--port', '0', '--auth', 'off', '--fixtures', 'none']);
    const response = await request(`${mock.url}/v1/sessions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(201);
    await response.body.dump();
    await mock.stop();
  });

  it('refuses bad flags with a message and a non-zero exit', () => {
    const result = spawnSync(process.execPath, [CLI, '--latency', 'soon'], { encoding: 'utf8', timeout: 15_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/--latency/);
  });
});
