/**
 * Before a run: learn which principal each token maps to (by creating and deleting a probe
 * session), and fail fast on a wrong token or an unreachable server.
 */
import type { SessionApi } from '../http/session-api.js';
import { ALL_SURFACES, type SurfaceName } from '../invariants/catalogue.js';
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

/** The optional surfaces of contract §13 and a route of each that the preflight reads. */
export const SURFACES = ALL_SURFACES.filter((s): s is Exclude<SurfaceName, 'core'> => s !== 'core');

/** An optional surface. */
export type Surface = Exclude<SurfaceName, 'core'>;

/** Which optional surfaces the server offers. */
export type OfferedSurfaces = Readonly<Record<Surface, boolean>>;

/**
 * Asks a probe session's annotations, cache and events: `200` means the surface is offered,
 * `501 not-implemented` that it is not (a server offers a surface whole or not at all, §13).
 * Any other answer is a setup error: the suite cannot tell what to certify.
 */
export async function detectSurfaces(api: SessionApi, tag: string): Promise<OfferedSurfaces> {
  const created = await api.createSession({ title: 'conformance probe (surfaces)', tags: [tag] });
  const id = (created.response.json as { id?: string } | undefined)?.id;
  if (created.response.status !== 201 || id === undefined) throw new SetupError(`creating a probe session answered ${created.response.status}`);
  try {
    const probes: Record<Surface, () => ReturnType<SessionApi['listEvents']>> = {
      review: () => api.listAnnotations(id),
      cache: () => api.listCacheEntries(id),
      events: () => api.listEvents(id),
    };
    const offered: Partial<Record<Surface, boolean>> = {};
    for (const surface of SURFACES) {
      const status = (await probes[surface]()).response.status;
      if (status !== 200 && status !== 501) throw new SetupError(`cannot tell whether the server offers the ${surface} surface: its list answered ${status} (expected 200, or 501 when not offered)`);
      offered[surface] = status === 200;
    }
    return offered as OfferedSurfaces;
  } finally {
    await api.deleteSession(id);
  }
}

/** The offered surfaces by name, `core` first (what a certificate names). */
export function surfaceNames(offered: OfferedSurfaces): string[] {
  return ['core', ...SURFACES.filter((s) => offered[s])];
}
