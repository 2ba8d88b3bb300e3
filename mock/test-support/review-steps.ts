/**
 * Helpers for the review and cache tests: a session every role of the test token table has a
 * part in, and a core whose event logs the test can read (the events route is built elsewhere).
 */
import { loadContract } from '../../contract/index.js';
import { createMockCore, type MockCoreOptions } from '../core/mock-core.js';
import type { Store } from '../core/state/store.js';
import { checked, TEST_SCENARIO, type CheckedCore } from './checked-core.js';
import { createSession, type TextFiles } from './session-steps.js';

/** Every token of the test table against a team session: who sees it and who may change it. */
export const ROLES = {
  owner: 't-owner',
  editor: 't-editor',
  viewer: 't-viewer',
  admin: 't-admin',
  stranger: 't-nobody',
  otherTenant: 't-other',
} as const;

/** A session of `t-owner` with `usr_editor` as editor and `usr_viewer` as viewer. */
export function teamSession(api: CheckedCore, files: TextFiles = { 'src/app.ts': 'export {};\n' }, fields: Record<string, unknown> = {}) {
  const access = [{ principalId: 'usr_editor', role: 'editor' }, { principalId: 'usr_viewer', role: 'viewer' }];
  return createSession(api, files, { access, ...fields });
}

/** A contract-checked core plus the types of the events its handlers appended to a session, in order. */
export function inspectedCore(options: Partial<MockCoreOptions> = {}): { api: CheckedCore; eventTypes: (sessionId: string) => string[]; store: () => Store } {
  let store: Store | null = null;
  const core = createMockCore({ contract: loadContract(), scenario: TEST_SCENARIO, ...options, inspect: (s) => (store = s) });
  const current = (): Store => store as unknown as Store;
  return { api: checked(core), eventTypes: (id) => current().events.of(id).map((e) => e.type), store: current };
}
