import type { MockCore } from '../core/mock-core.js';
import type { RequestLog } from './request-log.js';

/**
 * Back to the fixtures: sessions, idempotency keys and the request log. The one reset that
 * `POST /__admin/reset` and the library's `reset()` both run, so they cannot drift apart.
 * Faults are settings, not state: a reset between tests keeps them.
 */
export function resetState(core: MockCore, log: RequestLog): void {
  core.reset();
  log.clear();
}
