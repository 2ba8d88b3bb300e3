/** A record that belongs to one session and has a store-made id. */
export interface SessionOwned {
  readonly id: string;
  readonly sessionId: string;
}

/**
 * Records kept per session in creation order (annotations, approvals), found by id. A record is
 * only found through its own session, so an id of another session's record is a plain 404, and a
 * fork (a new session id) starts with none.
 */
export class SessionBook<T extends SessionOwned> {
  private readonly byId = new Map<string, T>();
  private readonly bySession = new Map<string, T[]>();

  add(record: T): void {
    this.byId.set(record.id, record);
    const list = this.bySession.get(record.sessionId);
    if (list) list.push(record);
    else this.bySession.set(record.sessionId, [record]);
  }

  /** The record with this id if it belongs to `sessionId`. */
  get(sessionId: string, id: string): T | undefined {
    const record = this.byId.get(id);
    return record?.sessionId === sessionId ? record : undefined;
  }

  /** A session's records, oldest first. */
  of(sessionId: string): readonly T[] {
    return this.bySession.get(sessionId) ?? [];
  }

  remove(record: T): void {
    this.byId.delete(record.id);
    const list = this.bySession.get(record.sessionId);
    const at = list ? list.indexOf(record) : -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /** Drops every record of a session (a deleted one: nothing can reach them any more). */
  forget(sessionId: string): void {
    for (const record of this.of(sessionId)) this.byId.delete(record.id);
    this.bySession.delete(sessionId);
  }
}

/**
 * Store ids (`ann_0000002a`) in creation order: fixed-width base 36 after one prefix, so a longer
 * id (past 36^8) is a later one and equal lengths compare as text.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
