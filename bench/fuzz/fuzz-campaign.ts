/**
 * The fuzz campaign: `requests` generated invalid requests against a running server, `concurrency`
 * at a time, each on its own connection. The result is data (tallies, 5xx, hashes); the CLI
 * formats it. The state is read through `GET /__admin/state` before and after and hashed.
 */
import { createHash } from 'node:crypto';
import { loadContract } from '../../contract/index.js';
import { generateCase, type FuzzCase, type FuzzTarget, type FuzzWorld } from './fuzz-cases.js';
import { randomFor } from './fuzz-random.js';
import { rawExchange } from './raw-exchange.js';

/** Options of {@link runFuzzCampaign}. */
export interface FuzzOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:4010` (a loopback mock with its admin API on). */
  readonly url: string;
  readonly requests: number;
  readonly seed: number;
  readonly concurrency?: number;
  /** Send only these request indexes (a replay of a finding). */
  readonly only?: readonly number[];
  readonly ownerToken?: string;
  readonly outsiderToken?: string;
}

/** A 5xx or a connection that got no answer to a complete request: each is a finding, with its index to replay. */
export interface FuzzFinding {
  readonly index: number;
  readonly target: string;
  readonly defect: string;
  readonly status: number;
  readonly code: string | undefined;
}

/** What a campaign saw. */
export interface FuzzResult {
  readonly seed: number;
  readonly requests: number;
  readonly byTarget: Record<string, number>;
  readonly byStatus: Record<string, number>;
  readonly byDefect: Record<string, number>;
  readonly serverErrors: readonly FuzzFinding[];
  /** Complete requests that got no response at all (the server died or dropped them). */
  readonly unanswered: readonly FuzzFinding[];
  /** Writes answered 2xx: each is built to be refused, so one that is accepted changed something it should not have. */
  readonly acceptedWrites: readonly FuzzFinding[];
  /** Requests the campaign cut short itself (truncated, disconnected): no answer is expected. */
  readonly cut: number;
  readonly stateBefore: string;
  readonly stateAfter: string;
  readonly seconds: number;
}

/** Whether a result passes: no 5xx, every complete request answered, the state unchanged. */
export function fuzzPassed(result: FuzzResult): boolean {
  return result.serverErrors.length === 0 && result.unanswered.length === 0 && result.acceptedWrites.length === 0 && result.stateBefore === result.stateAfter;
}

/** Every contract operation plus the admin routes, as targets. */
export function fuzzTargets(): FuzzTarget[] {
  const contract = loadContract();
  const targets: FuzzTarget[] = [...contract.operations.values()].map((op) => ({
    label: op.operationId,
    method: op.method,
    pathTemplate: op.pathTemplate,
    writes: op.method !== 'GET',
    jsonBody: op.requestBody !== null && op.requestBody.contentTypes.has('application/json'),
  }));
  const admin = (method: string, path: string, jsonBody: boolean): FuzzTarget => ({ label: `admin ${method} ${path}`, method, pathTemplate: path, writes: method !== 'GET', jsonBody });
  return [
    ...targets,
    admin('GET', '/__admin/state', false),
    admin('PUT', '/__admin/state', true),
    admin('PUT', '/__admin/faults', true),
    admin('PUT', '/__admin/clock', true),
    admin('GET', '/__admin/requests', false),
    // Reset is a write whose well-formed form changes the state: only its broken forms are sent.
    admin('POST', '/__admin/reset', false),
  ];
}

async function stateHash(url: string): Promise<string> {
  const response = await fetch(`${url}/__admin/state`);
  const state = (await response.json()) as Record<string, unknown>;
  // The export's own reading moves with the clock; the state is everything else.
  delete state.exportedAt;
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

async function world(url: string, ownerToken: string, outsiderToken: string): Promise<FuzzWorld> {
  const response = await fetch(`${url}/v1/sessions?limit=50`, { headers: { authorization: `Bearer ${ownerToken}` } });
  const list = (await response.json()) as { items?: { id: string }[] };
  const sessionIds = (list.items ?? []).map((s) => s.id);
  return { sessionIds: sessionIds.length > 0 ? sessionIds : ['ses_00000001'], ownerToken, outsiderToken, host: new URL(url).host };
}

/** The request of index `index` in campaign `seed`: what `--replay` sends. */
export function fuzzCase(targets: readonly FuzzTarget[], facts: FuzzWorld, seed: number, index: number): FuzzCase {
  return generateCase(targets, facts, randomFor(seed, index));
}

/** Whether a 2xx answer to this request would mean a state change (admin settings such as faults or the request log are not state). */
function changesState(request: FuzzCase): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  return !request.target.startsWith('admin ') || request.target.endsWith('/state') || request.target.endsWith('/reset');
}

const bump = (table: Record<string, number>, key: string): void => {
  table[key] = (table[key] ?? 0) + 1;
};

/** Runs the campaign. Throws only when the server cannot be reached at all (not a finding: a setup error). */
export async function runFuzzCampaign(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const targets = fuzzTargets();
  const facts = await world(options.url, options.ownerToken ?? 'demo-ana', options.outsiderToken ?? 'demo-finn');
  const stateBefore = await stateHash(options.url);
  const { hostname, port } = new URL(options.url);
  const indexes = options.only ?? Array.from({ length: options.requests }, (_, i) => i);
  const result = { byTarget: {} as Record<string, number>, byStatus: {} as Record<string, number>, byDefect: {} as Record<string, number>, serverErrors: [] as FuzzFinding[], unanswered: [] as FuzzFinding[], acceptedWrites: [] as FuzzFinding[], cut: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < indexes.length) {
      const index = indexes[next++] as number;
      const request = fuzzCase(targets, facts, options.seed, index);
      const answer = await rawExchange(hostname, Number(port), request.bytes, request.delivery);
      bump(result.byTarget, request.target);
      bump(result.byDefect, request.defect.split('+')[0] ?? request.defect);
      const finding = { index, target: request.target, defect: request.defect, status: answer.status, code: answer.code };
      if (request.delivery.kind === 'cut') {
        result.cut += 1;
        bump(result.byStatus, answer.status === 0 ? 'cut, no answer' : String(answer.status));
      } else {
        const silence = answer.resetWhileSending ? 'reset while sending' : 'no answer';
        bump(result.byStatus, answer.status === 0 ? silence : String(answer.status));
        if (answer.status === 0 && !answer.resetWhileSending) result.unanswered.push(finding);
      }
      if (answer.status >= 500) result.serverErrors.push(finding);
      if (answer.status >= 200 && answer.status < 300 && changesState(request)) result.acceptedWrites.push(finding);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  const stateAfter = await stateHash(options.url);
  return { seed: options.seed, requests: indexes.length, ...result, stateBefore, stateAfter, seconds: (performance.now() - started) / 1000 };
}
