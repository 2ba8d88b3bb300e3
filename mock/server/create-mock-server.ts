import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadContract } from '../../contract/index.js';
import { createMockApp, type MockApp } from '../app/create-mock-app.js';
import type { AdminAccess } from '../app/admin-access.js';
import type { CorsPolicy } from '../app/cors.js';
import { hostPolicy, isLoopbackAddress } from '../app/host-check.js';
import type { Latency } from '../app/faults.js';
import type { LogEntry } from '../app/request-log.js';
import type { StorageResult } from '../core/journal/journal-sink.js';
import { createMockCore, type MockCore } from '../core/mock-core.js';
import { loadScenarioDir, packageRoot, scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { mockBodyLimit } from '../app/body-limits.js';
import { nodeSha256Hex } from './node-sha256.js';
import { createHttpServer } from './http-server.js';
import { requestListener } from './node-adapter.js';
import { openStateDir, type OpenStateDir, type StateDirOptions } from './state-dir/open-state-dir.js';
import { DEFAULT_HEARTBEAT_MS, OpenStreams } from './stream-writer.js';
import { loadUiAssets } from './ui-assets.js';

/** Options of `createMockServer`; every one has a default that suits a test suite. */
export interface MockServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** A fixture directory holding `scenario.json`; default: `fixtures/demo`. `null`: start empty. */
  readonly fixtures?: string | null;
  /** `false` maps every request to the fixtures' default principal. Default true. */
  readonly auth?: boolean;
  readonly cors?: CorsPolicy;
  /** Host names answered besides the loopback ones (a loopback bind), or the only ones (another bind); `*`: any. */
  readonly allowedHosts?: readonly string[] | '*';
  /**
   * Who may use `/__admin`. Default: everyone on a loopback bind. Bound anywhere else the mock
   * refuses to start unless this is `{ kind: 'token' }` or `{ kind: 'off' }`: the admin API can
   * read and replace the whole state.
   */
  readonly admin?: AdminAccess;
  readonly latency?: Latency | null;
  readonly onRequest?: (entry: LogEntry) => void;
  /**
   * Keep the state in this directory (`--state-dir`): every accepted change is journaled and on
   * disk before its response, and a start with the same directory comes back to that state.
   */
  readonly stateDir?: string;
  /** Test seam for {@link stateDir}: a file system that fails on cue, another pid or liveness check. */
  readonly stateDirOptions?: StateDirOptions;
  /** An event stream that has been quiet this long sends a keep-alive comment; default 15000 ms (tests shorten it). */
  readonly sseHeartbeatMs?: number;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly adminUrl: string;
  readonly core: MockCore;
  readonly app: MockApp;
  /** With {@link MockServerOptions.stateDir}: its journal, how many changes it brought back, and what start-up noted. */
  readonly stateDir: { readonly path: string; readonly restoredChanges: number; readonly notes: readonly string[] } | null;
  /** Back to the fixtures' state, with an empty request log: what `POST /__admin/reset` does. */
  reset(): StorageResult;
  close(): Promise<void>;
}

/** Starts the stateful mock on node:http: for other test suites and for the CLI. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const admin = options.admin ?? { kind: 'open' };
  if (admin.kind === 'open' && !isLoopbackAddress(bindHost)) {
    throw new Error(`binding ${bindHost} (not a loopback address) exposes the admin API, which reads and replaces the whole state, to the network: start with --admin-token <secret> or --admin off`);
  }
  const contract = loadContract();
  const scenario = options.fixtures === null ? null : loadScenarioDir(options.fixtures);
  const stateDir = openState(options);
  let core: MockCore;
  try {
    core = createMockCore({ contract, scenario, auth: options.auth ?? true, checkScenario: scenarioProblems, journal: stateDir?.journal, sha256: nodeSha256Hex });
  } catch (error) {
    stateDir?.close();
    throw error;
  }
  const hosts = hostPolicy(bindHost, options.allowedHosts);
  const ui = admin.kind === 'off' ? undefined : loadUiAssets();
  const app = createMockApp({ core, contract, cors: options.cors, hosts, admin, latency: options.latency, onRequest: options.onRequest, ui });
  // Servers declare themselves in `Server: name/version`; the conformance suite's certificates record it.
  const headers = { server: `session-mock/${toolkitVersion()}` };
  // Slow or stuck clients must not hold sockets forever: createHttpServer's timeouts see to that.
  const streams = { heartbeatMs: options.sseHeartbeatMs ?? DEFAULT_HEARTBEAT_MS, open: new OpenStreams() };
  const server = createHttpServer(requestListener((request) => app.handle(request), { headers, bodyLimit: mockBodyLimit, streams }), headers);
  try {
    await listen(server, options.port ?? 0, bindHost);
  } catch (error) {
    stateDir?.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  return {
    url,
    adminUrl: `${url}/__admin`,
    core,
    app,
    stateDir: stateDir === null ? null : { path: stateDir.path, restoredChanges: stateDir.restoredChanges, notes: stateDir.notes },
    reset: () => app.reset(),
    // Open event streams would keep server.close waiting: they end first, cleanly.
    close: async () => {
      streams.open.endAll();
      try {
        await close(server);
      } finally {
        stateDir?.close();
      }
    },
  };
}

/** Opens `--state-dir`; throws its message when it cannot (locked, unreadable): the CLI exits 2 with it. */
function openState(options: MockServerOptions): OpenStateDir | null {
  if (options.stateDir === undefined) return null;
  const opened = openStateDir(options.stateDir, options.stateDirOptions);
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

/** This package's version, from its package.json (works from source and from dist/). */
function toolkitVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
