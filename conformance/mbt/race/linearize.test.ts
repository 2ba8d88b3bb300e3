/** The linearizability check on hand-made answers: which orders explain them, and what a misfit is called. */
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../http/exchange.js';
import type { SessionApi } from '../../http/session-api.js';
import { InvariantSelection } from '../../invariants/selection.js';
import { sha256Hex, toFileBytes } from '../../model/bytes.js';
import { ModelStore } from '../../model/model-store.js';
import { createSession } from '../../model/ops-sessions.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { orderText, permutations, tryOrder, verdict, type Mismatch, type OrderTrial } from './linearize.js';
import { prepareOp } from './prepare-op.js';
import type { RaceOp } from './race-op.js';

const bea = { principalId: 'usr_bea', tenantId: 'acme', admin: false };
const noExtra = { headAfter: new Map<string, string>() };

function setup(): { model: SuiteModel; real: SuiteReal } {
  const store = new ModelStore();
  createSession(store, bea, { tags: ['run'], files: [{ path: 'a', content: '1\n' }] }, { sessionId: 'ses_0', revision: 'rev_0' });
  const model: SuiteModel = { store, sessions: ['ses_0'], checkpoints: [], annotations: [], runTag: 'run', diverged: false, hasViewer: false, hasStranger: false, keys: 0, log: [], verified: { details: new Map(), heads: new Map(), events: new Map() }, eventIds: new Map(), surfaces: { review: false, cache: false, events: false } };
  const api = {} as SessionApi; // never called: the answers below are made by hand
  const real = { runTag: 'run', ctx: { owner: { api, principal: bea }, viewer: null, stranger: null, selection: new InvariantSelection() } } as unknown as SuiteReal;
  return { model, real };
}

function answer(status: number, json: unknown, headers: Record<string, string> = {}): Exchange {
  return { request: { method: 'PUT', path: '/x', token: 't' }, response: { status, headers, bytes: new Uint8Array(), json, contentType: 'application/json' }, operationId: null, durationMs: 0 };
}

const written = (content: string, revision: string): Exchange => {
  const sha = sha256Hex(toFileBytes(content));
  return answer(200, { path: 'a', size: Buffer.byteLength(content), sha256: sha, revision, changed: true }, { etag: `"${sha}"` });
};
const refused = answer(412, { code: 'precondition-failed' });

function race(ops: RaceOp[], exchanges: Exchange[]): OrderTrial[] {
  const { model, real } = setup();
  const prepared = ops.map((op, i) => prepareOp(op, i, model, real, { nextSession: 1, nextCheckpoint: 0, key: 'k1' }));
  return permutations(ops.length).map((order) => tryOrder(model.store, prepared, exchanges, order, noExtra));
}

const sameIfMatch: RaceOp[] = [
  { kind: 'write', session: 0, path: 'a', content: '2\n', ifMatch: true },
  { kind: 'write', session: 0, path: 'a', content: '3\n', ifMatch: true },
];

describe('linearizability of a race', () => {
  test('every order is tried, the request order first', () => {
    expect(permutations(3).map(orderText)).toEqual(['1,2,3', '1,3,2', '2,1,3', '2,3,1', '3,1,2', '3,2,1']);
    expect(permutations(1)).toEqual([[0]]);
  });

  test('two writes with the same If-Match: one wins, the other is 412; only the order with the winner first fits', () => {
    const trials = race(sameIfMatch, [refused, written('3\n', 'rev_1')]);
    expect(trials.map((t) => t.mismatch === null)).toEqual([false, true]);
    expect(trials[0]?.mismatch).toMatchObject({ where: '#1 s0 write a="2\\n" if-match=current', invariant: 'etag.stale-if-match' });
    expect(trials[1]?.store.sessions.get('ses_0')?.head).toBe('rev_1');
  });

  test('both writes with the same If-Match succeeding is no order at all: concurrency.linearizable, with each order and why it failed', () => {
    const trials = race(sameIfMatch, [written('2\n', 'rev_1'), written('3\n', 'rev_2')]);
    expect(trials.every((t) => t.mismatch !== null)).toBe(true);
    const result = verdict(trials, new Map(), ['#1 → 200', '#2 → 200']);
    expect(result.invariant).toBe('concurrency.linearizable');
    expect(result.message).toContain('order 1,2: #2 s0 write a="3\\n" if-match=current: [etag.stale-if-match]');
    expect(result.message).toContain('order 2,1: #1 s0 write a="2\\n" if-match=current: [etag.stale-if-match]');
  });

  test('the model copies of the orders are independent of each other and of the original', () => {
    const trials = race(sameIfMatch, [written('2\n', 'rev_1'), written('3\n', 'rev_2')]);
    const heads = trials.map((t) => t.store.sessions.get('ses_0')?.head);
    expect(heads).toEqual(['rev_1', 'rev_2']);
    expect(setup().model.store.sessions.get('ses_0')?.head).toBe('rev_0');
  });

  test('two tries with one Idempotency-Key: identical answers fit (one acts, one replays); two checkpoints do not', () => {
    const keyed: RaceOp[] = [{ kind: 'checkpoint', session: 0, keyed: true }, { kind: 'checkpoint', session: 0, keyed: true }];
    const checkpoint = (id: string): Exchange => answer(201, { id, sessionId: 'ses_0', revision: 'rev_0', label: 'race-cp0' });
    const replayed = race(keyed, [checkpoint('cp_1'), checkpoint('cp_1')]);
    expect(replayed.map((t) => t.mismatch)).toEqual([null, null]);
    expect(replayed[0]?.store.checkpoints.size).toBe(1);
    const twice = race(keyed, [checkpoint('cp_1'), checkpoint('cp_2')]);
    expect(twice.map((t) => t.mismatch?.invariant)).toEqual(['idempotency.replay', 'idempotency.replay']);
  });

  test('a state every fitting order finds wrong on the same check is reported under that check, not as a race', () => {
    const trials = race(sameIfMatch, [refused, written('3\n', 'rev_1')]);
    const wrong: Mismatch = { where: 'state of s0', invariant: 'content.read-your-writes', message: 'files of session ses_0 differ from the model' };
    const fitting = trials.filter((t) => t.mismatch === null);
    const result = verdict(trials, new Map(fitting.map((t) => [t, wrong])), ['#1 → 412', '#2 → 200']);
    expect(result.invariant).toBe('content.read-your-writes');
    expect(result.message).toContain('every order that explains the answers finds state of s0 wrong');
  });

  test('fitting orders that disagree on what is wrong afterwards leave it a race', () => {
    // Two orders that both explain every answer (as a write and a checkpoint often do).
    const store = new ModelStore();
    const [one, two]: OrderTrial[] = [{ order: [0, 1], store, outcomes: [], mismatch: null }, { order: [1, 0], store, outcomes: [], mismatch: null }];
    const trials = [one as OrderTrial, two as OrderTrial];
    const state = new Map<OrderTrial, Mismatch>([
      [one as OrderTrial, { where: 'state of s0', invariant: 'content.read-your-writes', message: 'x' }],
      [two as OrderTrial, { where: 'state of s0', invariant: 'lineage.checkpoint-immutable', message: 'y' }],
    ]);
    expect(verdict(trials, state, []).invariant).toBe('concurrency.linearizable');
  });
});
