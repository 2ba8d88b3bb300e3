/**
 * The linearizability check of a race, without I/O: every order of the requests is run through
 * the model (each on its own copy of the model store) and each answer is judged as a single
 * request would be. All requests of a race are sent together and none is answered before the
 * last is sent, so every order is consistent with real time and every one is tried.
 */
import type { InvariantId } from '../../invariants/catalogue.js';
import { InvariantSelection } from '../../invariants/selection.js';
import { InvariantViolation } from '../../invariants/violation.js';
import type { Exchange } from '../../http/exchange.js';
import { canonicalJson } from '../../model/environment-spec.js';
import type { ModelStore } from '../../model/model-store.js';
import { ModelViolation, type Outcome } from '../../model/outcome.js';
import { REUSED_IDS, type ReusedIdBlames } from '../blames.js';
import type { OpExtra, PreparedOp, Verdict } from './race-op.js';

/** The first check an order failed: where (a request's label or `state of s1`), which rule, why. */
export interface Mismatch {
  readonly where: string;
  readonly invariant: InvariantId;
  readonly message: string;
}

/** One order tried: the model after it, each request's prediction (null: a replay), the first mismatch. */
export interface OrderTrial {
  readonly order: readonly number[];
  readonly store: ModelStore;
  readonly outcomes: ReadonlyArray<Outcome<unknown> | null>;
  readonly mismatch: Mismatch | null;
}

/** Every order of `n` requests, the request order first. */
export function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  return permutations(n - 1).flatMap((rest) => Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]))
    .sort((a, b) => a.join(',').localeCompare(b.join(',')));
}

/**
 * Runs `check`, turning the first violation it throws into a mismatch at `where`; a reused id is
 * named by `reusedIds`, the table of the request that saw it (a merge's revision: `merge.soundness`).
 */
export function firstMismatch(where: string, check: () => void, reusedIds: ReusedIdBlames = REUSED_IDS): Mismatch | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof InvariantViolation) return { where, invariant: error.data.invariant, message: error.data.message };
    if (error instanceof ModelViolation) return { where, invariant: reusedIds[error.kind], message: error.message };
    throw error;
  }
}

/**
 * Plays the requests on `store` in `order` (mutating it) and judges each answer; stops at the
 * first mismatch. A request whose Idempotency-Key an earlier one (in this order) used must answer
 * exactly as that one did and does not act again.
 */
export function applyOrder(store: ModelStore, ops: readonly PreparedOp[], exchanges: readonly Exchange[], order: readonly number[], extra: OpExtra): { outcomes: Array<Outcome<unknown> | null>; mismatch: Mismatch | null } {
  // Every check is enforced here: whether a skipped invariant matters is decided by the caller.
  const probe = new InvariantSelection();
  const outcomes: Array<Outcome<unknown> | null> = ops.map(() => null);
  const firstWithKey = new Map<string, number>();
  for (const i of order) {
    const op = ops[i] as PreparedOp;
    const exchange = exchanges[i] as Exchange;
    const earlier = op.replayKey === null ? undefined : firstWithKey.get(op.replayKey);
    let mismatch: Mismatch | null;
    if (earlier !== undefined) {
      const first = exchanges[earlier] as Exchange;
      mismatch = firstMismatch(op.label, () => {
        const same = exchange.response.status === first.response.status && canonicalJson(exchange.response.json ?? null) === canonicalJson(first.response.json ?? null);
        probe.expect(same, 'idempotency.replay', `${op.label}: answered ${exchange.response.status}, not a replay of ${(ops[earlier] as PreparedOp).label} (${first.response.status})`, first.response.json, exchange.response.json);
      });
    } else {
      if (op.replayKey !== null) firstWithKey.set(op.replayKey, i);
      mismatch = firstMismatch(op.label, () => {
        const outcome = op.apply(store, exchange, extra);
        outcomes[i] = outcome;
        op.judge(probe, exchange, outcome, store);
      }, op.reusedIds);
    }
    if (mismatch) return { outcomes, mismatch };
  }
  return { outcomes, mismatch: null };
}

/** Tries one order on a copy of `base`. */
export function tryOrder(base: ModelStore, ops: readonly PreparedOp[], exchanges: readonly Exchange[], order: readonly number[], extra: OpExtra): OrderTrial {
  const store = base.clone();
  return { order, store, ...applyOrder(store, ops, exchanges, order, extra) };
}

/** How an order prints: `2,1` (request numbers). */
export function orderText(order: readonly number[]): string {
  return order.map((i) => i + 1).join(',');
}

/**
 * Names the rule a race broke when no order fits, from each order's first mismatch. If no order
 * explains the answers, the outcome is not linearizable: `concurrency.linearizable`. If some
 * orders explain every answer and all of those fail on the same check of the state read
 * afterwards, that failure does not depend on the order: it is reported under the check's own
 * invariant, as a single-request step would report it.
 */
export function verdict(trials: readonly OrderTrial[], stateMismatch: ReadonlyMap<OrderTrial, Mismatch>, answers: readonly string[]): Verdict {
  const lines = trials.map((t) => {
    const m = t.mismatch ?? stateMismatch.get(t);
    return `  order ${orderText(t.order)}: ${m ? `${m.where}: [${m.invariant}] ${m.message}` : 'fits'}`;
  });
  const message = `no order of the ${answers.length} concurrent requests explains what the server did.\n  answers: ${answers.join('; ')}\n${lines.join('\n')}`;
  const explained = trials.filter((t) => t.mismatch === null);
  const states = explained.map((t) => stateMismatch.get(t));
  const first = states[0];
  if (first && states.every((m) => m && m.where === first.where && m.invariant === first.invariant)) {
    return { invariant: first.invariant, message: `every order that explains the answers finds ${first.where} wrong: ${first.message}\n${message}` };
  }
  return { invariant: 'concurrency.linearizable', message };
}
