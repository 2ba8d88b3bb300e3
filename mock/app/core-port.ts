import type { MockRequest, MockResponse } from '../core/http/messages.js';

/** What the app layer (admin API, faults, log, CORS) needs from the core. */
export interface CorePort {
  handle(request: MockRequest): MockResponse;
  /** Back to the fixtures' state. */
  reset(): void;
  /** The state as a replayable scenario (JSON). */
  exportState(): unknown;
  /** Replaces the state by replaying an exported scenario; an error message when it is not one. */
  importState(state: unknown): { ok: true } | { ok: false; message: string };
  /** The demo tokens, for the start-up banner and the admin index. */
  tokens(): readonly { readonly token: string; readonly principalId: string; readonly tenantId: string; readonly admin: boolean }[];
}
