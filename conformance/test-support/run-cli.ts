/**
 * Test-only: runs the built CLI (`node dist/conformance/cli.js`, as CI runs it) and collects its
 * exit code and output. `npm test` builds first (pretest).
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The built CLI. */
export const CLI = join(ROOT, 'dist/conformance/cli.js');

/** What a CLI process did. */
export interface Ran { code: number; stdout: string; stderr: string }

/** Runs `script` (default: the built CLI) with `args`; `CI` is cleared unless `env` sets it. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, script = CLI, timeout = 60_000): Promise<Ran> {
  const [file, argv] = script.endsWith('.js') ? [process.execPath, [script, ...args]] : [script, args];
  return new Promise((done) => {
    execFile(file, argv, { env: { ...process.env, CI: '', ...env }, timeout }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}
