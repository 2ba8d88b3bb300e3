import type { StorageResult } from '../core/journal/journal-sink.js';
import type { MockCore } from '../core/mock-core.js';
import type { RequestLog } from './request-log.js';

/**
 * Back to the fixtures: sessions, idempotency keys and the request log. The one reset that
 * `POST /__admin/reset` and the library's `reset()` both run, so they cannot drift apart.
 * Faults are settings, not state: a reset between tests keeps them. With a journal that cannot be
 * written, nothing changes and the result says why.
 */
export function resetState(core: MockCore, log: RequestLog): StorageResult {
  const reset = core.reset();
  // A reset the journal refused did not happen: the log still describes the state that stays.
  if (reset.ok) log.clear();
  return reset;
}
