import type { ContractComponents } from '../../../contract/index.js';
import type { IdFactory, MonotonicClock } from './ids.js';
import type { SessionRecord } from './session-record.js';

/** An event type of the contract (README §13 says which request writes which). */
export type EventType = ContractComponents['schemas']['EventType'];

/** One event as the API shows it. Immutable once appended. */
export interface EventRecord {
  readonly id: string;
  readonly type: EventType;
  readonly sessionId: string;
  /** The session's head after the change. */
  readonly revision: string;
  readonly actorId: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** Called with each event appended to a session's log, in order. */
export type EventListener = (event: EventRecord) => void;

/**
 * The event logs of every session of one store. Handlers append one event per session a request
 * changes, after every check passed (a rejected request appends nothing); readers page a log or
 * subscribe to it. Ids come from the store's id factory, so they are unique across the store and
 * increase in the order events happen, and a replayed scenario gives the same ids.
 */
export class EventLog {
  private readonly bySession = new Map<string, EventRecord[]>();
  private readonly listeners = new Map<string, Set<EventListener>>();

  constructor(private readonly ids: IdFactory, private readonly clock: MonotonicClock) {}

  /** Appends the event of one change to `session` (its head is read now, after the change) and tells its subscribers. */
  append(session: SessionRecord, type: EventType, actorId: string, data: Readonly<Record<string, unknown>> = {}): EventRecord {
    const event: EventRecord = { id: this.ids.next('evt'), type, sessionId: session.id, revision: session.head, actorId, data, createdAt: this.clock.now() };
    let log = this.bySession.get(session.id);
    if (!log) {
      log = [];
      this.bySession.set(session.id, log);
    }
    log.push(event);
    const listeners = this.listeners.get(session.id);
    if (listeners) for (const listener of [...listeners]) listener(event);
    return event;
  }

  /** A session's events, oldest first. */
  of(sessionId: string): readonly EventRecord[] {
    return this.bySession.get(sessionId) ?? [];
  }

  /** Calls `listener` with every event appended to the session from now on; the returned function unsubscribes. */
  subscribe(sessionId: string, listener: EventListener): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) {
      set = new Set();
      this.listeners.set(sessionId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(sessionId) === set) this.listeners.delete(sessionId);
    };
  }

  /** How many subscriptions are open (tests check that a dropped stream released its own). */
  subscriberCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}
