import type { ContractComponents } from '../../../contract/portable.js';
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

/** A session's log from one position on: what a stream reads. */
export interface EventFeed {
  /**
   * Calls `onEvent` with every event from the position on (those in the log now, at once), then
   * with each new one, and `onEnd` once when there will be no more: after `session.deleted`, or
   * when the log is closed (reset, import). Returns a function that stops it (idempotent).
   */
  follow(onEvent: EventListener, onEnd: () => void): () => void;
}

interface Subscription {
  readonly listener: EventListener;
  readonly ended: () => void;
}

const NOTHING = (): void => undefined;

/** Event ids of one factory compare by length, then text (`evt_zzzzzzzz` < `evt_100000000`). */
function idBefore(a: string, b: string): boolean {
  return a.length < b.length || (a.length === b.length && a < b);
}

/**
 * The event logs of every session of one store. Handlers append one event per session a request
 * changes, after every check passed (a rejected request appends nothing); readers page a log or
 * follow it. Ids come from the store's id factory, so they are unique across the store and
 * increase in the order events happen, and a replayed scenario gives the same ids.
 */
export class EventLog {
  private readonly bySession = new Map<string, EventRecord[]>();
  private readonly listeners = new Map<string, Set<Subscription>>();
  /** Subscriptions to every session's events (the admin UI's feed), told after each session's own. */
  private readonly everywhere = new Set<Subscription>();
  private closed = false;
  /** While a change waits to be made durable: the deliveries it would make, in order. */
  private held: (() => void)[] | null = null;

  constructor(private readonly ids: IdFactory, private readonly clock: MonotonicClock) {}

  /**
   * Appends the event of one change to `session` (its head is read now, after the change) and tells
   * its subscribers. `session.deleted` is a log's last event: after telling them, it ends their
   * subscriptions and frees the log (the session answers 404 from now on).
   */
  append(session: SessionRecord, type: EventType, actorId: string, data: Readonly<Record<string, unknown>> = {}): EventRecord {
    const event: EventRecord = { id: this.ids.next('evt'), type, sessionId: session.id, revision: session.head, actorId, data, createdAt: this.clock.now() };
    this.logOf(session.id).push(event);
    if (this.held) this.held.push(() => this.deliver(event));
    else this.deliver(event);
    if (type === 'session.deleted') this.bySession.delete(session.id);
    return event;
  }

  /**
   * Holds back what {@link append} would tell subscribers until `release`, or forever on
   * `discard`: a journaled change is sent to no stream before it is on disk, and to none when it
   * could not be stored (the state it was appended to is then thrown away).
   */
  hold(): { release(): void; discard(): void } {
    const held: (() => void)[] = [];
    this.held = held;
    return {
      release: () => {
        this.held = null;
        for (const deliver of held) deliver();
      },
      discard: () => {
        this.held = null;
      },
    };
  }

  private deliver(event: EventRecord): void {
    const subscriptions = this.listeners.get(event.sessionId);
    if (subscriptions) for (const s of [...subscriptions]) s.listener(event);
    for (const s of this.everywhere) s.listener(event);
    if (event.type === 'session.deleted') this.endAll(event.sessionId);
  }

  /** A session's events, oldest first. */
  of(sessionId: string): readonly EventRecord[] {
    return this.bySession.get(sessionId) ?? [];
  }

  /**
   * The position just after event `id` in the session's log (0 = from the first event), or -1 when
   * it is not an event of this session. A binary search: ids increase along a log.
   */
  positionAfter(sessionId: string, id: string): number {
    const log = this.of(sessionId);
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (idBefore((log[mid] as EventRecord).id, id)) lo = mid + 1;
      else hi = mid;
    }
    return log[lo]?.id === id ? lo + 1 : -1;
  }

  /**
   * The session's log from `position` on, to follow later. It holds the log itself, so a feed
   * opened after the session was deleted still sends everything up to `session.deleted`.
   */
  feed(sessionId: string, position: number): EventFeed {
    const log = this.logOf(sessionId);
    return {
      follow: (onEvent, onEnd) => {
        for (let i = position; i < log.length; i += 1) onEvent(log[i] as EventRecord);
        const last = log[log.length - 1];
        if (last?.type === 'session.deleted') {
          onEnd();
          return NOTHING;
        }
        return this.subscribe(sessionId, onEvent, onEnd);
      },
    };
  }

  /**
   * Calls `listener` with every event appended to the session from now on, and `ended` once when
   * the subscription ends without being asked to (the session was deleted, the log closed). The
   * returned function unsubscribes.
   */
  subscribe(sessionId: string, listener: EventListener, ended: () => void = NOTHING): () => void {
    if (this.closed) {
      ended();
      return NOTHING;
    }
    let set = this.listeners.get(sessionId);
    if (!set) {
      set = new Set();
      this.listeners.set(sessionId, set);
    }
    const subscription: Subscription = { listener, ended };
    set.add(subscription);
    return () => {
      set.delete(subscription);
      if (set.size === 0 && this.listeners.get(sessionId) === set) this.listeners.delete(sessionId);
    };
  }

  /**
   * Calls `listener` with every event of every session from now on (no backlog), and `ended` when
   * the log is closed (reset, import). Returns the function that unsubscribes.
   */
  subscribeAll(listener: EventListener, ended: () => void = NOTHING): () => void {
    if (this.closed) {
      ended();
      return NOTHING;
    }
    const subscription: Subscription = { listener, ended };
    this.everywhere.add(subscription);
    return () => void this.everywhere.delete(subscription);
  }

  /** Ends every subscription, now and later: the state they watch was replaced (reset, import). */
  close(): void {
    this.closed = true;
    for (const sessionId of [...this.listeners.keys()]) this.endAll(sessionId);
    const everywhere = [...this.everywhere];
    this.everywhere.clear();
    for (const s of everywhere) s.ended();
  }

  /** How many subscriptions are open (tests check that a dropped stream released its own). */
  subscriberCount(): number {
    let count = this.everywhere.size;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private logOf(sessionId: string): EventRecord[] {
    let log = this.bySession.get(sessionId);
    if (!log) {
      log = [];
      this.bySession.set(sessionId, log);
    }
    return log;
  }

  private endAll(sessionId: string): void {
    const set = this.listeners.get(sessionId);
    if (!set) return;
    this.listeners.delete(sessionId);
    for (const s of set) s.ended();
  }
}
