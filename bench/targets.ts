/**
 * The three servers under test, each started as a child process on 127.0.0.1: our mock (its CLI
 * with the demo fixtures), Prism mocking the same contract, and the bare node:http ceiling.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CapturedResponse } from './captured-response.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { serverCommand, type Placement } from './cpu-placement.js';
import { freePort } from './free-port.js';

/** The repository root, seen from `dist/bench/` (where `npm run bench` runs this). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = '127.0.0.1';

/** `node dist/mock/cli.js --port P`: the mock as users run it, demo fixtures, auth on; `extraArgs` add flags (`--state-dir D`). */
export async function startMock(placement: Placement, extraArgs: readonly string[] = []): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: extraArgs.length === 0 ? 'session-mock' : `session-mock ${extraArgs.join(' ')}`,
    ...serverCommand(placement, process.execPath, [fileURLToPath(new URL('../mock/cli.js', import.meta.url)), '--port', String(port), '--host', HOST, '--auth', 'on', ...extraArgs]),
    url: `http://${HOST}:${port}`,
    cwd: ROOT,
  });
}

/**
 * `prism mock contract/openapi.yaml -p P`, static examples (Prism's fast mode). Logging is
 * turned down to `warn` so that writing one log line per request does not slow it: its best case.
 */
export async function startPrism(placement: Placement): Promise<ChildServer> {
  const port = await freePort();
  const prism = realpathSync(`${ROOT}node_modules/.bin/prism`);
  return startChildServer({
    name: 'prism',
    ...serverCommand(placement, process.execPath, [prism, 'mock', 'contract/openapi.yaml', '-p', String(port), '-h', HOST, '--verboseLevel', 'warn']),
    url: `http://${HOST}:${port}`,
    cwd: ROOT,
  });
}

/** The bare node:http server that answers every request with `response`. */
export async function startCeiling(response: CapturedResponse, placement: Placement): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: 'node:http ceiling',
    ...serverCommand(placement, process.execPath, [fileURLToPath(new URL('./ceiling-server.js', import.meta.url)), String(port)]),
    url: `http://${HOST}:${port}`,
    cwd: ROOT,
    env: { ...process.env, BENCH_CEILING_RESPONSE: JSON.stringify(response) },
  });
}

/** The bare fan-out floor of the events bench (see `fanout-floor-server.ts`). */
export async function startFanoutFloor(placement: Placement): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: 'fan-out floor',
    ...serverCommand(placement, process.execPath, [fileURLToPath(new URL('./fanout-floor-server.js', import.meta.url)), String(port)]),
    url: `http://${HOST}:${port}`,
    cwd: ROOT,
  });
}
