/**
 * The events the model expects (contract README §13): one per session a request changes, in the
 * order the changes happen. Ids and `createdAt` are the server's; the model predicts the rest.
 */

/** An event type of the contract. */
export type EventType =
  | 'session.created' | 'session.deleted' | 'file.written' | 'file.deleted' | 'forked' | 'checkpoint.created'
  | 'restored' | 'committed' | 'merged' | 'retired' | 'tags.changed' | 'environment-spec.changed'
  | 'annotation.created' | 'annotation.changed' | 'annotation.deleted' | 'approval.created' | 'cache.written' | 'cache.deleted';

/** An expected event, without the server's `id` and `createdAt`. */
export interface ExpectedEvent {
  readonly type: EventType;
  readonly sessionId: string;
  /** The session's head after the change. */
  readonly revision: string;
  readonly actorId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Every session's expected log. Sessions the model never saw change have none. */
export class ExpectedEvents {
  private readonly logs = new Map<string, ExpectedEvent[]>();

  /** Appends the event of one change. */
  add(event: ExpectedEvent): void {
    let log = this.logs.get(event.sessionId);
    if (!log) {
      log = [];
      this.logs.set(event.sessionId, log);
    }
    log.push(event);
  }

  /** A session's expected log, oldest first. */
  of(sessionId: string): readonly ExpectedEvent[] {
    return this.logs.get(sessionId) ?? [];
  }

  /**
   * Replaces a session's log from `from` on by the same events in another order (after a race,
   * the order the server shows is the one later reads must see). `order` is a permutation of the
   * positions `from…` as the server listed them.
   */
  reorder(sessionId: string, from: number, order: readonly number[]): void {
    const log = this.logs.get(sessionId);
    if (!log) return;
    const tail = order.map((i) => log[from + i] as ExpectedEvent);
    log.splice(from, tail.length, ...tail);
  }

  /** A copy that evolves on its own (events are immutable and shared). */
  clone(): ExpectedEvents {
    const copy = new ExpectedEvents();
    for (const [id, log] of this.logs) copy.logs.set(id, [...log]);
    return copy;
  }
}
