/**
 * Test-only: the built mock (`dist/mock/cli.js`, which `npm test` builds first) as a separate
 * process with the demo fixtures, allowing exactly one browser origin: the page's, not the
 * default "any localhost port", so the test shows the documented `--cors` list at work.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/mock/cli.js', import.meta.url));

/** A running mock; `close` when done. */
export interface CorsMock {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the mock on a free port with `--cors <origin>` and resolves once it prints its URL. */
export function startCorsMock(origin: string, timeoutMs = 15_000): Promise<CorsMock> {
  if (!existsSync(CLI)) return Promise.reject(new Error(`the mock is not built (${CLI}): run npm run build`));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--cors', origin], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`the mock printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({ url, close });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the mock exited before listening:\n${output}`));
    });
  });
}
