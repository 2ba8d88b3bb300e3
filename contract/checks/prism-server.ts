// Starts `prism mock` or `prism proxy` (the CLI a user would run) as a child process on a free local port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { REPO_ROOT } from './contract-document.js';

/** The Prism CLI installed with the project (`@stoplight/prism-cli`). */
export const PRISM_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'prism');

/** A running Prism (mock or validating proxy). */
export interface PrismServer {
  /** e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** Everything Prism printed so far (for failure messages). */
  output(): string;
  /** Stops Prism (SIGTERM, then SIGKILL) and resolves once the process has exited. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Runs `prism mock <document> -p <free port> -h 127.0.0.1` and waits until it answers HTTP.
 *
 * @param document - absolute path of the OpenAPI document to serve
 * @param startTimeoutMs - give up (and kill Prism) when it does not answer within this time
 * @throws when Prism exits early or does not answer in time; the process is stopped first
 */
export function startPrism(document: string, startTimeoutMs = 20_000): Promise<PrismServer> {
  return startPrismCli(['mock', document], startTimeoutMs);
}

/**
 * Runs Prism's validating proxy, `prism proxy <document> <upstream> [--errors]`, on a free port:
 * it forwards each request to `upstream` and checks request and response against the document
 * (findings in the `sl-violations` header; with `errors`, a violation becomes an error answer).
 *
 * @param document - absolute path of the OpenAPI document to validate against
 * @param upstream - the server to forward to, e.g. `http://127.0.0.1:4010`
 * @param options - `errors`: pass `--errors`; `startTimeoutMs` as for {@link startPrism}
 */
export function startPrismProxy(document: string, upstream: string, options: { errors?: boolean; startTimeoutMs?: number } = {}): Promise<PrismServer> {
  return startPrismCli(['proxy', document, upstream, ...(options.errors ? ['--errors'] : [])], options.startTimeoutMs ?? 20_000);
}

/** Runs `prism <args> -p <free port> -h 127.0.0.1` and waits until it answers HTTP. */
async function startPrismCli(args: readonly string[], startTimeoutMs: number): Promise<PrismServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [PRISM_BIN, ...args, '-p', String(port), '-h', '127.0.0.1'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-64_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  // If the test process ends without calling stop(), Prism must not outlive it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  void exited.then(() => process.off('exit', killOnExit));

  const server: PrismServer = {
    origin: `http://127.0.0.1:${port}`,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };

  try {
    await waitUntilAnswering(server.origin, () => child.exitCode !== null || child.signalCode !== null, startTimeoutMs);
  } catch (error) {
    await server.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- prism output ---\n${log}`);
  }
  return server;
}

/** Polls `origin` until any HTTP answer arrives, the process dies, or the time is up. */
async function waitUntilAnswering(origin: string, hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('prism exited before it listened');
    try {
      const response = await request(`${origin}/`, { headersTimeout: 1_000, bodyTimeout: 1_000 });
      await response.body.dump();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`prism did not answer on ${origin} within ${timeoutMs} ms`);
}
