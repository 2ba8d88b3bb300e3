/** Reading a session's event log in tests, through the API (so every page is contract-checked). */
import type { CheckedCore } from './checked-core.js';
import { expectStatus } from './session-steps.js';

/** An event as the API shows it (contract §13). */
export interface ApiEvent {
  readonly id: string;
  readonly type: string;
  readonly sessionId: string;
  readonly revision: string;
  readonly actorId: string;
  readonly data: Record<string, unknown>;
  readonly createdAt: string;
}

/** The session's whole log, oldest first, paged as a client would. */
export function allEvents(api: CheckedCore, sessionId: string, token?: string): ApiEvent[] {
  const events: ApiEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const query: string = after === null ? '?limit=200' : `?limit=200&after=${after}`;
    const page: { items: ApiEvent[]; nextCursor: string | null } = expectStatus(api, 200, 'GET', `/v1/sessions/${sessionId}/events${query}`, { token }).json;
    if (page.items.length === 0) return events;
    events.push(...page.items);
    after = page.nextCursor;
  }
}

/** The events' types, in order. */
export function eventTypes(api: CheckedCore, sessionId: string): string[] {
  return allEvents(api, sessionId).map((e) => e.type);
}

/** The session's newest event. */
export function lastEvent(api: CheckedCore, sessionId: string): ApiEvent | undefined {
  return allEvents(api, sessionId).at(-1);
}
