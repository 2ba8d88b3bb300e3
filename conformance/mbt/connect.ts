/**
 * Builds everything a suite run needs from a base URL and tokens: the HTTP client with contract
 * checks on every exchange, the principals behind the tokens, and the run context.
 */
import { randomBytes } from 'node:crypto';
import { loadContract } from '../../contract/index.js';
import { checkExchange, contractChecksOf } from '../http/contract-check.js';
import { HttpClient } from '../http/http-client.js';
import { SessionApi } from '../http/session-api.js';
import type { InvariantSelection } from '../invariants/selection.js';
import { InvariantViolation } from '../invariants/violation.js';
import { detectSurfaces, SetupError, whoAmI } from './preflight.js';
import type { SuiteContext } from './suite-context.js';

/** Where the server is and who the suite acts as. */
export interface ConnectOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly viewerToken?: string;
  readonly otherTenantToken?: string;
  readonly selection: InvariantSelection;
  /** Runs the suite will keep in flight at once (sizes the connection pool); default 1. */
  readonly concurrency?: number;
}

/** A connected suite: close the client when done. */
export interface Connected {
  readonly client: HttpClient;
  readonly ctx: SuiteContext;
}

/** Connects, installs the contract checks, learns the principals. Throws SetupError on bad setup. */
export async function connect(options: ConnectOptions): Promise<Connected> {
  const contract = loadContract();
  const client = new HttpClient(options.baseUrl, (method, pathname) => {
    const match = contract.routes.match(method, pathname);
    return match.kind === 'matched' ? match.operation.operationId : null;
  }, undefined, Math.max(8, (options.concurrency ?? 1) * 4));
  client.listen((exchange) => {
    for (const id of contractChecksOf(exchange)) options.selection.count(id);
    for (const finding of checkExchange(contract, exchange)) {
      if (options.selection.has(finding.invariant)) throw new InvariantViolation({ invariant: finding.invariant, message: finding.message, actual: { status: exchange.response.status, body: exchange.response.json } });
    }
  });
  const tagPrefix = `cf${randomBytes(4).toString('hex')}`;
  try {
    const api = new SessionApi(client, options.token);
    const owner = await whoAmI(api, 'main', tagPrefix);
    const viewer = options.viewerToken ? await whoAmI(api.as(options.viewerToken), 'viewer', tagPrefix) : null;
    const stranger = options.otherTenantToken ? await whoAmI(api.as(options.otherTenantToken), 'other-tenant', tagPrefix) : null;
    if (viewer && viewer.principal.tenantId !== owner.principal.tenantId) throw new SetupError('the viewer token belongs to another tenant than the main token');
    if (viewer && viewer.principal.principalId === owner.principal.principalId) throw new SetupError('the viewer token is the main token\'s principal');
    if (stranger && stranger.principal.tenantId === owner.principal.tenantId) throw new SetupError('the other-tenant token belongs to the main token\'s tenant');
    const surfaces = await detectSurfaces(api, tagPrefix);
    return { client, ctx: { contract, selection: options.selection, owner, viewer, stranger, anonymous: api.as(null), tagPrefix, surfaces } };
  } catch (error) {
    await client.close();
    throw error;
  }
}
