/**
 * What every command needs to reach the server and judge it: the API as each principal, the
 * contract, the invariant selection and the model's idea of who those principals are.
 */
import type { Contract } from '../../contract/index.js';
import type { InvariantSelection } from '../invariants/selection.js';
import type { SessionApi } from '../http/session-api.js';
import type { Principal } from '../model/access.js';
import type { OfferedSurfaces } from './preflight.js';

/** A token and the principal it maps to (learnt by creating a probe session). */
export interface KnownPrincipal {
  readonly api: SessionApi;
  readonly principal: Principal;
}

/** Shared, run-independent context of a suite run. */
export interface SuiteContext {
  readonly contract: Contract;
  readonly selection: InvariantSelection;
  readonly owner: KnownPrincipal;
  /** A viewer in the owner's tenant, if a viewer token was given. */
  readonly viewer: KnownPrincipal | null;
  /** A principal of another tenant, if its token was given. */
  readonly stranger: KnownPrincipal | null;
  /** The API with no token at all. */
  readonly anonymous: SessionApi;
  /** A per-suite random prefix; each run's tag is `<prefix>-<n>`. */
  readonly tagPrefix: string;
  /** The optional surfaces (§13) the server offers: steps on the others are not generated. */
  readonly surfaces: OfferedSurfaces;
  /**
   * `false` leaves event streams out of the end-of-run sweep (JSON pages are still read): for a
   * validating proxy that buffers every response until it ends, as Prism 5.14 does.
   */
  readonly readStreams?: boolean;
}
