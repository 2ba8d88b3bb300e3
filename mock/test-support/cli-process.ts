import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (npm test builds first). */
export const CLI = fileURLToPath(new URL('../../dist/mock/cli.js', import.meta.url));

/** A running `session-mock` child process. */
export interface CliProcess {
  readonly url: string;
  readonly pid: number;
  output(): string;
  /** Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no clean-up at all, as a crash or the OOM killer does it. */
  kill(): Promise<void>;
}

/** Starts the CLI and resolves once it prints its banner; rejects with its output when it exits first. */
export function startCli(args: readonly string[]): Promise<CliProcess> {
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
        resolve({
          url,
          pid: child.pid as number,
          output: () => output,
          stop: () => (child.kill('SIGINT'), exited),
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
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
