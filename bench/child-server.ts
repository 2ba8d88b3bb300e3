/**
 * Starts an HTTP server as a child process, waits until it answers, and stops it again. Load is
 * generated in the bench process, so every server under test runs in its own process (and core).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';

/** A child process serving HTTP at `url`. */
export interface ChildServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** How to start one child server. */
export interface ChildServerSpec {
  /** Shown in error messages. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The base URL the child will serve on (its port is passed in `args`). */
  readonly url: string;
  /** Give up when the child has not answered within this time. Default 60 s. */
  readonly readyTimeoutMs?: number;
  readonly cwd?: string;
  /** Environment of the child; default: this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Never leave a server behind, even when the bench crashes. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Resolves true when `url` answers any HTTP response. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(url, { method: 'GET', timeout: 1_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    probe.once('timeout', () => probe.destroy());
    probe.once('error', () => resolve(false));
    probe.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns the child and resolves once `spec.url` answers; rejects with its output if it dies first. */
export async function startChildServer(spec: ChildServerSpec): Promise<ChildServer> {
  installExitHook();
  const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  // Keep the tail of the output for error messages, and keep draining so the child never blocks.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      live.delete(child);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  while (!(await answers(spec.url))) {
    if (hasExited) throw new Error(`${spec.name} exited before it served ${spec.url}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} did not answer on ${spec.url} in time:\n${output}`);
    }
    await sleep(100);
  }
  return { url: spec.url, pid: child.pid, stop };
}
