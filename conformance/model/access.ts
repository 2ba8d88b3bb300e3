/**
 * Principals and who may read or change a session (SEMANTICS §1).
 */

/** The caller of a request, as its token maps it. `admin` is the tenant role admin. */
export interface Principal {
  readonly principalId: string;
  readonly tenantId: string;
  readonly admin: boolean;
}

/** A grant on a session. */
export interface AccessEntry {
  principalId: string;
  role: 'viewer' | 'editor';
}

/** The part of a session access depends on. */
export interface Guarded {
  readonly tenantId: string;
  readonly ownerId: string;
  readonly access: readonly AccessEntry[];
}

/** What a principal may do with a session: nothing (it does not exist for them), read, or change. */
export type Permission = 'none' | 'read' | 'change';

/**
 * The principal's permission. Another tenant, or the same tenant without a role, is `none` (the
 * session is 404 to them, never 403, so existence does not leak).
 */
export function permissionOf(principal: Principal, session: Guarded): Permission {
  if (principal.tenantId !== session.tenantId) return 'none';
  if (principal.admin) return 'change';
  if (principal.principalId === session.ownerId) return 'change';
  // A principal listed twice gets the stronger role: `editor` beats `viewer`.
  const roles = session.access.filter((entry) => entry.principalId === principal.principalId).map((e) => e.role);
  if (roles.includes('editor')) return 'change';
  if (roles.includes('viewer')) return 'read';
  return 'none';
}
