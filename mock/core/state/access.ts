import type { Principal } from '../http/pipeline.js';
import { failure, success, type Result } from '../http/respond.js';
import type { SessionRecord } from './session-record.js';

/**
 * Whether the principal may see the session at all. Another tenant's session, or one of the same
 * tenant without a role, is invisible: callers answer 404 so existence never leaks.
 */
export function canSee(principal: Principal, session: SessionRecord): boolean {
  if (session.tenantId !== principal.tenantId || session.deleted) return false;
  return principal.admin || session.ownerId === principal.principalId || session.access.some((a) => a.principalId === principal.principalId);
}

/** Whether the principal may change the session: its owner, an editor, or a tenant admin. */
export function canChange(principal: Principal, session: SessionRecord): boolean {
  if (!canSee(principal, session)) return false;
  return principal.admin || session.ownerId === principal.principalId || session.access.some((a) => a.principalId === principal.principalId && a.role === 'editor');
}

/** The session if visible, else `404 session-not-found`. */
export function visibleSession(principal: Principal, session: SessionRecord | undefined, id: string): Result<SessionRecord> {
  if (!session || !canSee(principal, session)) return failure('session-not-found', `No session ${id} is visible to you.`);
  return success(session);
}

/** The session if visible and changeable: 404 first (never leak), then 403. */
export function changeableSession(principal: Principal, session: SessionRecord | undefined, id: string): Result<SessionRecord> {
  const visible = visibleSession(principal, session, id);
  if (!visible.ok) return visible;
  if (!canChange(principal, visible.value)) return failure('forbidden', `Principal ${principal.principalId} may read but not change session ${id}.`);
  return visible;
}
