/**
 * The mock core: `handle(request) → response` over one in-memory store. No socket, no terminal
 * output, no globals: every core owns its state, so tests run many side by side.
 */
import type { Contract } from '../../contract/portable.js';
import type { Sha256Hex } from './domain/sha256.js';
import { baseOf, instantiate, type Instance } from './core-instance.js';
import type { IdempotencyTable } from './http/idempotency-table.js';
import type { MockRequest, MockResponse } from './http/messages.js';
import { problem } from './http/respond.js';
import { changeOf, clockFrame, journalContent, startFrames } from './journal/journal-content.js';
import { encodeFrame, type Frame } from './journal/journal-frames.js';
import { STORED, type JournalSink, type StorageResult } from './journal/journal-sink.js';
import { exportName } from './scenario/export-name.js';
import { isRecordedChange, recordChange, toScenarioStep } from './scenario/record-step.js';
import type { Scenario } from './scenario/scenario.js';
import { adminViewOf, type AdminView } from './state/admin-view.js';
import { ControllableClock } from './state/controllable-clock.js';
import type { EventRecord } from './state/event-log.js';
import type { Store } from './state/store.js';

/** Options of {@link createMockCore}. */
export interface MockCoreOptions {
  readonly contract: Contract;
  /** Replayed at start and on every reset; `null` starts empty with one default principal. */
  readonly scenario: Scenario | null;
  /**
   * `false`: every request acts as the scenario's default principal, whatever token it sends (the
   * scenario's own steps still act as the tokens they name). Default true.
   */
  readonly auth?: boolean;
  /** Checks an imported state against the scenario schema; a message when it is not one. */
  readonly checkScenario?: (value: unknown) => string | null;
  /** The real clock under {@link MockCore.clock} (tests pin it). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Test seam: called with each new store and idempotency table (at start, on reset, on import),
   * to read what handlers recorded (events) and how many keys are held.
   */
  readonly inspect?: (store: Store, idempotency: IdempotencyTable) => void;
  /**
   * Keeps every accepted change durable before it is answered (`--state-dir`): the sink an adapter
   * writes to disk, and the journal it read at start.
   */
  readonly journal?: CoreJournal;
  /**
   * The sha256 for file ETags, idempotency fingerprints and long cursors. Default: the portable
   * pure-JS one; the Node server injects node:crypto's (4–12× faster, `npm run bench:hash`).
   */
  readonly sha256?: Sha256Hex;
}

/** A core's journal: where it goes and what was in it at start. */
export interface CoreJournal {
  readonly sink: JournalSink;
  /**
   * The whole frames read at start (the adapter cut a torn tail already); `null` or none: a new
   * journal, begun with the scenario's state. The state comes back from these, whatever the
   * scenario is; the scenario stays what a reset goes back to.
   */
  readonly restored: readonly Frame[] | null;
}

/** A running core: the request handler plus the state controls the admin API exposes. */
export interface MockCore {
  handle(request: MockRequest): MockResponse;
  /**
   * Back to the scenario's state: sessions, idempotency keys, everything but the clock (a setting,
   * like faults). Fails only with a journal that cannot be written; the state then stays.
   */
  reset(): StorageResult;
  /** The state as a replayable scenario: the principals plus every accepted change so far. */
  exportState(): Scenario;
  /** Replaces the state by replaying `state`; on any failure the old state stays. */
  importState(state: unknown): { ok: true } | { ok: false; code: 'validation-failed' | 'storage-failed'; message: string };
  /**
   * Changes the clock through `change` and answers what it answers. A success (2xx) is journaled;
   * when the journal cannot keep it, the clock is put back exactly (its reading included) and the
   * answer is `507 storage-failed`, so the clock after a restart is the one clients saw.
   */
  changeClock(change: (clock: ControllableClock) => MockResponse): MockResponse;
  /** The token table; `default` marks the scenario's default principal (who every request is with auth off). */
  tokens(): readonly { readonly token: string; readonly principalId: string; readonly tenantId: string; readonly admin: boolean; readonly default: boolean }[];
  /**
   * The one clock every timestamp and cache TTL reads; the admin API (and any other adapter)
   * freezes, sets and advances it. Reset and import keep it, as they keep faults.
   */
  readonly clock: ControllableClock;
  /** A read-only view of the current state (every tenant, deleted sessions, the revision DAG) for the admin API. */
  adminView(): AdminView;
  /**
   * Every session's events from now on, for the admin UI: `onEnd` once the state is replaced
   * (reset, import), after which a new call follows the new state. Returns the unsubscribe.
   */
  followAllEvents(onEvent: (event: EventRecord) => void, onEnd: () => void): () => void;
  /** How many event streams follow the state now (tests check that a dropped client released its own). */
  eventSubscribers(): number;
}

/** With no fixtures there is still someone to act as: one admin of one tenant. */
const EMPTY_SCENARIO: Scenario = {
  name: 'empty',
  principals: [{ token: 'dev-token', principalId: 'usr_dev', tenantId: 'dev', admin: true, description: 'default principal of an empty mock' }],
  defaultToken: 'dev-token',
  steps: [],
};

function storageFailed(message: string): MockResponse {
  return problem('storage-failed', `The change could not be written to disk (${message}); it was not applied.`);
}

/** Creates a core and replays its scenario (or its journal). Throws when either fails (a broken fixture, an unreadable journal). */
export function createMockCore(options: MockCoreOptions): MockCore {
  const initial = options.scenario ?? EMPTY_SCENARIO;
  const clock = new ControllableClock(options.now);
  const sink = options.journal?.sink;
  let current = start(options, clock, initial);

  /** The instance replaces the current one: the old one's streams end. */
  const replaceWith = (next: Instance): void => {
    current.events.close();
    current = next;
  };
  /** A new state to journal from scratch (reset, import): on disk first, then in memory. */
  const begin = (next: Instance): StorageResult => {
    const stored = sink?.replace(startFrames(baseOf(next), clock.setting())) ?? STORED;
    if (stored.ok) replaceWith(next);
    return stored;
  };

  const handle = (request: MockRequest): MockResponse => {
    const instance = current;
    // One request happens at one instant: every timestamp it makes is the reading it is recorded with.
    return clock.during(undefined, (at) => {
      const held = sink === undefined ? undefined : instance.events.hold();
      const response = instance.pipeline(request);
      const changed = isRecordedChange(request, response);
      const record = changed ? instance.changes.append(recordChange(request, response.status, instance.recordedToken, at)) : undefined;
      if (held === undefined || sink === undefined) return response;
      const stored = record === undefined ? STORED : sink.append(encodeFrame('change', record));
      if (stored.ok) {
        held.release();
        return response;
      }
      // Memory goes back to what the disk holds: the same state without this change, rebuilt by
      // replaying the rest. Costly, and only after a failed write; no stream saw the change.
      held.discard();
      instance.changes.dropLast();
      const rebuilt = instantiate(options, clock, baseOf(instance), instance.changes);
      if (typeof rebuilt === 'string') throw new Error(`rolling back an unstored change: ${rebuilt}`);
      replaceWith(rebuilt);
      return storageFailed(stored.message);
    });
  };

  return {
    handle,
    reset() {
      const fresh = instantiate(options, clock, initial);
      // The scenario replayed once already, so it replays again; a string here would be a bug.
      if (typeof fresh === 'string') throw new Error(fresh);
      return begin(fresh);
    },
    exportState() {
      const { scenario, changes } = current;
      const steps = [...baseOf(current).steps, ...Array.from(changes, (c) => toScenarioStep(c, scenario.defaultToken))];
      return { ...scenario, name: exportName(scenario.name), steps, exportedAt: clock.status().now };
    },
    importState(state) {
      const problems = options.checkScenario?.(state) ?? null;
      if (problems !== null) return { ok: false, code: 'validation-failed', message: `not a scenario: ${problems}` };
      const next = instantiate(options, clock, state as Scenario);
      if (typeof next === 'string') return { ok: false, code: 'validation-failed', message: next };
      const stored = begin(next);
      return stored.ok ? stored : { ok: false, code: 'storage-failed', message: `the state could not be written to disk (${stored.message}); the old state stays` };
    },
    changeClock(change) {
      const before = clock.snapshot();
      const answer = change(clock);
      if (answer.status < 200 || answer.status > 299 || sink === undefined) return answer;
      const kept = sink.append(clockFrame(clock.setting()));
      if (kept.ok) return answer;
      clock.restore(before);
      return storageFailed(kept.message);
    },
    eventSubscribers: () => current.events.subscriberCount(),
    adminView: () => adminViewOf(current.store),
    followAllEvents: (onEvent, onEnd) => current.events.subscribeAll(onEvent, onEnd),
    tokens() {
      const { principals, defaultToken } = current.scenario;
      return principals.map((p) => ({ token: p.token, principalId: p.principalId, tenantId: p.tenantId, admin: p.admin === true, default: p.token === defaultToken }));
    },
    clock,
  };
}

/** The first state: the journal's when it has one, else the scenario's (and a new journal begins with it). */
function start(options: MockCoreOptions, clock: ControllableClock, initial: Scenario): Instance {
  const restored = options.journal?.restored ?? null;
  if (options.journal === undefined || restored === null || restored.length === 0) {
    const first = instantiate(options, clock, initial);
    if (typeof first === 'string') throw new Error(first);
    const stored = options.journal?.sink.replace(startFrames(baseOf(first), clock.setting())) ?? STORED;
    if (!stored.ok) throw new Error(`the journal could not be begun: ${stored.message}`);
    return first;
  }
  const read = journalContent(restored, options.checkScenario ?? (() => null));
  if (!read.ok) throw new Error(`the journal cannot be read: ${read.message}`);
  const { base, changes, clock: setting } = read.content;
  if (setting !== null) clock.adopt(setting);
  const first = instantiate(options, clock, base, (function* () {
    for (const [index, record] of changes.entries()) yield changeOf(record, index);
  })());
  if (typeof first === 'string') throw new Error(`the journal cannot be replayed: ${first}`);
  return first;
}
