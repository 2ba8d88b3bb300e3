// 64 connections of mixed writes over a few shared sessions, through the real node:http server:
// no 5xx, every answer valid against the contract, and the state exported afterwards imports into
// a fresh mock as an equal state (contract §9 "Concurrent requests", §11, admin export/import).
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations } from '../test-support/checked-core.js';
import { createMockServer, type MockServer } from './create-mock-server.js';

const CONNECTIONS = 64;
const OPERATIONS = 2_000;
/** Two principals of different tenants (demo fixtures), each writing to its own shared sessions. */
const TOKENS = ['demo-ana', 'demo-erin'] as const;
const SHARED_PER_TOKEN = 2;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly bytes: Uint8Array;
  json(): any;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One request over `pool`; its answer is checked against the contract (admin routes are outside it). */
async function send(pool: Pool, violations: string[], method: string, path: string, options: { token?: string; json?: unknown; text?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.text !== undefined) {
    body = options.text;
    headers['content-type'] = 'text/plain';
  }
  const response = await pool.request({ method, path, headers, body });
  const bytes = new Uint8Array(await response.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  if (!path.startsWith('/__admin')) {
    const found = contractViolations({ method, url: path, headers, body: body === undefined ? undefined : encoder.encode(body) }, { status: response.statusCode, headers: flat, body: bytes });
    for (const v of found) violations.push(`${method} ${path} → ${response.statusCode}: ${v}`);
  }
  return { status: response.statusCode, headers: flat, bytes, json: () => JSON.parse(decoder.decode(bytes)) };
}

/** Operation `i` of the mix: a write (mostly) against shared session `id`, as `token`. */
function operation(i: number, token: string, id: string): { method: string; path: string; json?: unknown; text?: string; headers?: Record<string, string> } {
  const s = `/v1/sessions/${id}`;
  switch (i % 10) {
    case 0:
      return { method: 'PUT', path: `${s}/files/${encodeURIComponent(`src/f${i % 16}.ts`)}`, text: `export const v = ${i};\n` };
    case 1:
      return { method: 'POST', path: '/v1/sessions', json: { title: `new ${i}`, tags: ['soak'], files: [{ path: 'a.txt', content: `${i}` }] } };
    case 2:
      return { method: 'POST', path: `${s}/fork`, json: { title: `fork ${i}` } };
    case 3:
      return { method: 'POST', path: `${s}/commit`, json: { message: `commit ${i}` } };
    case 4:
      return { method: 'PATCH', path: `${s}/tags`, json: { add: [`t${i % 5}`], remove: [`t${(i + 2) % 5}`] } };
    case 5:
      return { method: 'POST', path: `${s}/annotations`, json: { body: `note ${i}` } };
    case 6:
      return { method: 'PUT', path: `${s}/cache/tool.${i % 7}`, json: { value: { run: i }, ttlSeconds: 3_600 } };
    case 7:
      return { method: 'POST', path: `${s}/checkpoints`, json: { label: `cp ${i}` } };
    case 8:
      // Keys shared between concurrent requests: one acts, the others replay its answer.
      return { method: 'POST', path: '/v1/sessions', json: { title: `keyed ${i % 25}` }, headers: { 'idempotency-key': `create-${i % 25}` } };
    default:
      // The file this block's PUT wrote, unless it has not run yet (404) or an earlier block wrote it too.
      return { method: 'DELETE', path: `${s}/files/${encodeURIComponent(`src/f${(i - 9) % 16}.ts`)}` };
  }
}

/** Every item of a paged list, following `nextCursor`. */
async function readAll(pool: Pool, violations: string[], path: string, token: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const reply = await send(pool, violations, 'GET', `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(reply.status, `GET ${path}: ${decoder.decode(reply.bytes)}`).toBe(200);
    const page = reply.json() as { items: unknown[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A session's whole event log as JSON pages, each after the last event of the one before. */
async function readEvents(pool: Pool, violations: string[], path: string, token: string): Promise<unknown[]> {
  const events: { id: string }[] = [];
  for (;;) {
    const after = events.length > 0 ? `&after=${events[events.length - 1]!.id}` : '';
    const reply = await send(pool, violations, 'GET', `${path}?limit=100${after}`, { token, headers: { accept: 'application/json' } });
    expect(reply.status, `GET ${path}: ${decoder.decode(reply.bytes)}`).toBe(200);
    const page = (reply.json() as { items: { id: string }[] }).items;
    events.push(...page);
    if (page.length < 100) return events;
  }
}

/** What a client can see of the shared sessions and the lists: compared between the two mocks. */
async function publicView(pool: Pool, violations: string[], shared: readonly { token: string; id: string }[]): Promise<unknown> {
  const view: Record<string, unknown> = {};
  for (const token of TOKENS) view[`list ${token}`] = await readAll(pool, violations, '/v1/sessions', token);
  for (const { token, id } of shared) {
    const s = `/v1/sessions/${id}`;
    const files: Record<string, string> = {};
    for (const item of (await readAll(pool, violations, `${s}/files`, token)) as { path: string }[]) {
      files[item.path] = decoder.decode((await send(pool, violations, 'GET', `${s}/files/${encodeURIComponent(item.path)}`, { token })).bytes);
    }
    view[id] = {
      detail: (await send(pool, violations, 'GET', s, { token })).json(),
      files,
      commits: await readAll(pool, violations, `${s}/commits`, token),
      checkpoints: await readAll(pool, violations, `${s}/checkpoints`, token),
      annotations: await readAll(pool, violations, `${s}/annotations`, token),
      cache: (await send(pool, violations, 'GET', `${s}/cache`, { token })).json(),
      events: await readEvents(pool, violations, `${s}/events`, token),
    };
  }
  return view;
}

const withoutExportedAt = (state: Record<string, unknown>): Record<string, unknown> => {
  const { exportedAt: _ignored, ...rest } = state;
  return rest;
};

let first: MockServer;
let second: MockServer;
let firstPool: Pool;
let secondPool: Pool;

beforeAll(async () => {
  first = await createMockServer();
  second = await createMockServer();
  firstPool = new Pool(first.url, { connections: CONNECTIONS });
  secondPool = new Pool(second.url, { connections: 4 });
});
afterAll(async () => {
  await Promise.all([firstPool.close(), secondPool.close()]);
  await Promise.all([first.close(), second.close()]);
});

describe(`${CONNECTIONS} connections of mixed writes over shared sessions`, () => {
  it(`answers ${OPERATIONS} of them without a 5xx, all valid, and the export imports into a fresh mock as an equal state`, async () => {
    const violations: string[] = [];
    const shared: { token: string; id: string }[] = [];
    for (const token of TOKENS) {
      for (let n = 0; n < SHARED_PER_TOKEN; n += 1) {
        const created = await send(firstPool, violations, 'POST', '/v1/sessions', { token, json: { title: `shared ${n}`, files: [{ path: 'README.md', content: '# shared\n' }] } });
        expect(created.status).toBe(201);
        shared.push({ token, id: (created.json() as { id: string }).id });
      }
    }
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < OPERATIONS; i = next++) {
        // A session per ten operations, so that each one sees the whole mix.
        const { token, id } = shared[Math.floor(i / 10) % shared.length]!;
        const { method, path, ...rest } = operation(i, token, id);
        const reply = await send(firstPool, violations, method, path, { token, ...rest });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));

    const counts = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    expect(violations).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500), JSON.stringify(counts)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(OPERATIONS);
    // The mix is meant to change things: most writes must have been accepted.
    const accepted = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((sum, [, n]) => sum + n, 0);
    expect(accepted, JSON.stringify(counts)).toBeGreaterThan(OPERATIONS * 0.7);

    const exported = await send(firstPool, violations, 'GET', '/__admin/state');
    expect(exported.status).toBe(200);
    const state = exported.json() as Record<string, unknown> & { steps: unknown[] };
    // Replays and no-op writes record nothing, so the steps are fewer than the 2xx answers.
    expect(state.steps.length).toBeGreaterThan(OPERATIONS / 2);
    const imported = await send(secondPool, violations, 'PUT', '/__admin/state', { json: state });
    expect(imported.status, decoder.decode(imported.bytes)).toBe(204);
    const again = (await send(secondPool, violations, 'GET', '/__admin/state')).json() as Record<string, unknown>;
    expect(withoutExportedAt(again)).toEqual(withoutExportedAt(state));
    const seenFirst = await publicView(firstPool, violations, shared);
    const seenSecond = await publicView(secondPool, violations, shared);
    expect(seenSecond).toEqual(seenFirst);
    expect(violations).toEqual([]);
  }, 120_000);
});
