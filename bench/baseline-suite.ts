/**
 * The conformance suite of an earlier commit, for a side-by-side rate: checked out into a
 * temporary git worktree (sharing this checkout's `node_modules`), built, and run as a child
 * process against the same server. Its rate is read from its own result line
 * (`PASS  400 runs, 4308 commands, 57911 requests in 18.8 s (229 commands/s)`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the earlier suite reported. */
export interface BaselineRate {
  readonly ref: string;
  readonly runs: number;
  readonly commands: number;
  readonly requests: number;
  readonly seconds: number;
  readonly line: string;
}

/** A built checkout of `ref`; `remove` deletes it. */
export interface BaselineBuild {
  readonly ref: string;
  readonly cli: string;
  remove(): void;
}

/** Checks `ref` out next to the repository at `root` and builds it. */
export function buildBaseline(root: string, ref: string): BaselineBuild {
  const dir = join(mkdtempSync(join(tmpdir(), 'suite-baseline-')), 'tree');
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, ref], { stdio: 'ignore' });
  const remove = (): void => {
    execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'ignore' });
  } catch (error) {
    remove();
    throw error;
  }
  return { ref, cli: join(dir, 'dist', 'conformance', 'cli.js'), remove };
}

/** Runs the earlier suite's `run` against `baseUrl` and reads its result line. */
export function runBaseline(build: BaselineBuild, baseUrl: string, args: readonly string[]): Promise<BaselineRate> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [build.cli, 'run', '--base-url', baseUrl, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('exit', () => {
      const match = /^(?:PASS|FAIL)\s+(\d+) runs, (\d+) commands, (\d+) requests in ([\d.]+) s.*$/m.exec(out);
      if (!match) {
        reject(new Error(`the baseline suite (${build.ref}) printed no result line:\n${out.slice(-2_000)}`));
        return;
      }
      resolve({ ref: build.ref, runs: Number(match[1]), commands: Number(match[2]), requests: Number(match[3]), seconds: Number(match[4]), line: match[0] });
    });
  });
}
