/**
 * Before a run: learn which principal each token maps to (by creating and deleting a probe
 * session), and fail fast on a wrong token or an unreachable server.
 */
import type { SessionApi } from '../http/session-api.js';
import type { KnownPrincipal } from './suite-context.js';

/** A setup problem: exit code 2, not a violation. */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/** Creates a probe session as `api`, reads ownerId and tenantId, deletes it. */
export async function whoAmI(api: SessionApi, role: string, tag: string): Promise<KnownPrincipal> {
  const created = await api.createSession({ title: `conformance probe (${role})`, tags: [tag] });
  if (created.response.status === 401) throw new SetupError(`the ${role} token was refused (401)`);
  const body = created.response.json as { id?: string; ownerId?: string; tenantId?: string } | undefined;
  if (created.response.status !== 201 || !body?.id || !body.ownerId || !body.tenantId) {
    throw new SetupError(`creating a probe session as ${role} answered ${created.response.status}; cannot learn who the token is`);
  }
  await api.deleteSession(body.id);
  return { api, principal: { principalId: body.ownerId, tenantId: body.tenantId, admin: false } };
}
