/**
 * Test-only: a user's empty project with the packed toolkit installed, for the pack test. Packs
 * the built checkout (`npm pack`, no scripts: `npm test` has just built dist/), installs the
 * tarball with npm from the registry (the dependencies come from there), and runs commands in it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `npm pack --json` says about the tarball. */
export interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
  readonly size: number;
  readonly unpackedSize: number;
}

/** A finished command. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for npm and the binaries: `npm test`'s own `npm_*` variables (its package, its
 * prefix) would make a nested npm act on this checkout; the cache and registry settings stay.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') || keep.has(key.toLowerCase())));
}

/** Runs a command to its end (killed after `timeoutMs`). */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Packs the checkout at `root` into `dir`. */
export async function packInto(root: string, dir: string): Promise<Packed> {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is not built: run npm run build (npm test does it first)');
  const ran = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  if (ran.code !== 0) throw new Error(`npm pack failed (${String(ran.code)}): ${ran.stderr}`);
  const [info] = JSON.parse(ran.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no tarball: ${ran.stdout}`);
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size, unpackedSize: info.unpackedSize };
}

/** npm's words for "the registry cannot be reached". */
const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket hang up/i;

/** An empty ESM project at `dir` with the tarball installed. Fails saying so when the registry is out of reach. */
export async function createProject(dir: string, tarball: string): Promise<void> {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'pack-test-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  // Few, short retries: with npm's defaults an unreachable registry takes many minutes to fail.
  const retries = ['--fetch-retries', '1', '--fetch-retry-mintimeout', '2000', '--fetch-retry-maxtimeout', '5000', '--fetch-timeout', '30000'];
  // msw is the optional peer of ./msw: a user of that entry installs it beside the package.
  const msw = `msw@${(JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.msw}`;
  const ran = await run('npm', ['install', tarball, msw, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error', ...retries], dir, 240_000);
  if (ran.code === 0) return;
  if (ran.code === null || NETWORK_ERRORS.test(ran.stderr)) {
    throw new Error(`the pack test installs the tarball's dependencies from the npm registry, which npm could not reach: give this machine access to registry.npmjs.org (or set npm_config_registry to a mirror). npm said:\n${ran.stderr.slice(-2000)}`);
  }
  throw new Error(`npm install of the packed tarball failed (${String(ran.code)}):\n${ran.stderr.slice(-2000)}`);
}

/** A long-running command started through `npx` in the project. */
export interface Started {
  /** The first http URL it printed. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `npx --no -- <args>` in `dir` and resolves with the first URL it prints. It runs in its
 * own process group, stopped as a whole: npm exec does not pass SIGTERM on to the binary.
 */
export function startNpx(dir: string, args: readonly string[], timeoutMs = 30_000): Promise<Started> {
  const child = spawn('npx', ['--no', '--', ...args], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`npx ${args.join(' ')} printed no URL within ${timeoutMs} ms: ${output.slice(0, 1000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /https?:\/\/[^\s/]+/.exec(output)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`npx ${args.join(' ')} exited before printing a URL: ${output.slice(0, 1000)}`));
    });
  });
}
