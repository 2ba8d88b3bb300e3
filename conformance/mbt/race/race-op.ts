/**
 * One request of a race, as data (`RaceOp`, what the generator draws and `toString` prints) and
 * prepared for one run (`PreparedOp`): the request bound to server ids and preconditions taken
 * from the model before the race, the model operation that predicts its answer on any model
 * store, and the checks the single-request commands make of that answer.
 */
import type { InvariantId } from '../../invariants/catalogue.js';
import type { InvariantSelection } from '../../invariants/selection.js';
import type { Exchange } from '../../http/exchange.js';
import type { ModelStore } from '../../model/model-store.js';
import type { Strategy } from '../../model/merge-plan.js';
import type { Outcome } from '../../model/outcome.js';
import { REUSED_IDS, type ReusedIdBlames } from '../blames.js';

/** A request of a race. Session fields are labels (`s<i>`). */
export type RaceOp =
  | { readonly kind: 'write'; readonly session: number; readonly path: string; readonly content: string; readonly ifMatch: boolean }
  | { readonly kind: 'fork'; readonly session: number }
  | { readonly kind: 'checkpoint'; readonly session: number; readonly keyed: boolean }
  | { readonly kind: 'commit'; readonly session: number }
  | { readonly kind: 'merge'; readonly session: number; readonly mode: 'merge' | 'mergeFrom'; readonly source: number; readonly strategy: Strategy | undefined }
  | { readonly kind: 'delete'; readonly session: number }
  | { readonly kind: 'tags'; readonly session: number; readonly add: readonly string[]; readonly remove: readonly string[]; readonly ifMatch: boolean }
  | { readonly kind: 'spec'; readonly session: number; readonly spec: number; readonly ifMatch: boolean };

/**
 * A reused id in a race request's answer breaks the rule its single-request step names: a merge's
 * revision `merge.soundness`, every other kind the default table.
 */
export const RACE_REUSED_IDS: Readonly<Record<RaceOp['kind'], ReusedIdBlames>> = {
  write: REUSED_IDS, fork: REUSED_IDS, checkpoint: REUSED_IDS, commit: REUSED_IDS, delete: REUSED_IDS, tags: REUSED_IDS, spec: REUSED_IDS,
  merge: { ...REUSED_IDS, revision: 'merge.soundness' },
};

/** What creating requests add to the run's labels. */
export type Creates = 'session' | 'checkpoint' | null;

/** A race request bound to one run, ready to send and to be predicted on any model store. */
export interface PreparedOp {
  readonly kind: RaceOp['kind'];
  /** `#2 write a="2\n" if-match=current` style label for messages. */
  readonly label: string;
  /** Server ids of the sessions the request acts on (target first). */
  readonly sessions: readonly string[];
  /** The invariant a single-request step would name for a wrong answer or state of its target. */
  readonly primary: InvariantId;
  /** Which rule a reused id in this request's answer breaks ({@link RACE_REUSED_IDS}). */
  readonly reusedIds: ReusedIdBlames;
  /** Requests with the same key: a later one must replay the first (Idempotency-Key). */
  readonly replayKey: string | null;
  readonly creates: Creates;
  /** Sends the request (the race sends all of them at once). */
  send(): Promise<Exchange>;
  /** The model's prediction on `store` (mutating it), given the ids the server reported. */
  apply(store: ModelStore, exchange: Exchange, extra: OpExtra): Outcome<unknown>;
  /** The single-request checks of the answer against the prediction; throws on the first mismatch. */
  judge(sel: InvariantSelection, exchange: Exchange, outcome: Outcome<unknown>, store: ModelStore): void;
  /**
   * For a request guarded by a rule a race can break (a precondition, an Idempotency-Key): sends
   * it again ALONE, where the rule's answer is certain (a stale `If-Match` is 412; the key replays
   * one of the race's answers), and says how the rule broke one request at a time, or null.
   */
  readonly control: ((answers: readonly Exchange[]) => Promise<Verdict | null>) | null;
}

/** A broken rule and why. */
export interface Verdict {
  readonly invariant: InvariantId;
  readonly message: string;
}

/** What only the state after the race can tell: the head a spec PUT made (its answer has no revision). */
export interface OpExtra {
  readonly headAfter: ReadonlyMap<string, string>;
}

/** The session labels a race op refers to (target first, then a merge source). */
export function opSessions(op: RaceOp): number[] {
  return op.kind === 'merge' ? [op.session, op.source] : [op.session];
}

/** How an op prints inside `race(…)`, without its session prefix. */
export function opText(op: RaceOp): string {
  switch (op.kind) {
    case 'write': return `write ${op.path}=${JSON.stringify(op.content)}${op.ifMatch ? ' if-match=current' : ''}`;
    case 'fork': return 'fork';
    case 'checkpoint': return `checkpoint${op.keyed ? ' key=shared' : ''}`;
    case 'commit': return 'commit';
    case 'merge': return `${op.mode} ${op.mode === 'merge' ? `s${op.source} →` : `← s${op.source}`}${op.strategy ? ` ${op.strategy}` : ''}`;
    case 'delete': return 'delete';
    case 'tags': return `tags ${[...op.add.map((t) => `+${t}`), ...op.remove.map((t) => `-${t}`)].join(' ')}${op.ifMatch ? ' if-match=current' : ''}`;
    case 'spec': return `putSpec spec=${op.spec}${op.ifMatch ? ' if-match=current' : ''}`;
  }
}
