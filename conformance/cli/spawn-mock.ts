/**
 * The embedded default server: the toolkit's mock started as a separate process
 * (`dist/mock/cli.js --port 0`), reached over HTTP like any other server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A running mock process. */
export interface SpawnedMock {
  readonly url: string;
  stop(): Promise<void>;
}

/** Where the built mock CLI lives, next to this build's `conformance/`. */
export function mockCliPath(): string {
  return fileURLToPath(new URL('../../mock/cli.js', import.meta.url));
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Where and how to start the mock; the defaults suit the built CLI. */
export interface SpawnMockOptions {
  /** The mock's CLI script; default: the one next to this build. */
  readonly cli?: string;
  /** A fixture directory; default: the demo fixtures. */
  readonly fixtures?: string;
  readonly timeoutMs?: number;
}

/** Starts the mock (demo fixtures unless told otherwise) and resolves with the first http URL it prints. */
export function spawnMock(options: SpawnMockOptions = {}): Promise<SpawnedMock> {
  const cli = options.cli ?? mockCliPath();
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!existsSync(cli)) return Promise.reject(new Error(`the embedded mock is not built (${cli}); run npm run build`));
  const fixtures = options.fixtures ?? fileURLToPath(new URL('../../../fixtures/demo', import.meta.url));
  const child = spawn(process.execPath, [cli, '--port', '0', '--fixtures', fixtures], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the mock printed no URL within ${timeoutMs} ms: ${output.slice(0, 500)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /https?:\/\/[^\s/]+/.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ url, stop: stopper(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${String(code)}) before listening: ${output.slice(0, 500)}`));
    });
  });
}
