/**
 * Who the server under test says it is. A server declares its name and version with the standard
 * HTTP `Server` response header (`Server: acme-sessions/2.4.1`, RFC 9110 §10.2.4; the first product
 * token counts). `--server-name` / `--server-version` override it field by field (for servers
 * behind a gateway that rewrites `Server`); the embedded mock is known without asking.
 */
import type { SessionApi } from '../http/session-api.js';

/** Where the identity came from (`flags+…`: one flag given, the other field declared). */
export type IdentitySource = 'flags' | 'server-header' | 'embedded-mock' | 'flags+server-header' | 'flags+embedded-mock' | 'none';

/** The server's self-declared name and version (null: not declared). */
export interface ServerIdentity {
  readonly name: string | null;
  readonly version: string | null;
  readonly source: IdentitySource;
  /** The raw `Server` header seen (null: none). */
  readonly header: string | null;
}

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const PRODUCT = new RegExp(`^\\s*(${TOKEN})(?:/(${TOKEN}))?`);

/** The first product of a `Server` header value, or null when it has none. */
export function parseServerHeader(value: string | null | undefined): { name: string; version: string | null } | null {
  const match = value ? PRODUCT.exec(value) : null;
  return match?.[1] ? { name: match[1], version: match[2] ?? null } : null;
}

/** Combines flags, the header and (for the embedded mock) the toolkit's own identity. */
export function resolveIdentity(flags: { name?: string; version?: string }, header: string | null, embedded: { name: string; version: string } | null): ServerIdentity {
  const parsed = parseServerHeader(header);
  const declared = parsed ? { ...parsed, from: 'server-header' as const } : embedded ? { ...embedded, from: 'embedded-mock' as const } : null;
  const name = flags.name ?? declared?.name ?? null;
  const version = flags.version ?? declared?.version ?? null;
  const flagged = flags.name !== undefined || flags.version !== undefined;
  const declaredUsed = declared !== null && ((flags.name === undefined && declared.name !== null) || (flags.version === undefined && declared.version !== null));
  const source: IdentitySource = !declaredUsed ? (flagged ? 'flags' : 'none') : flagged ? `flags+${declared.from}` : declared.from;
  return { name, version, source, header };
}

/** Reads the `Server` header of one harmless request (a filtered list) as the main principal. */
export async function probeServerHeader(api: SessionApi, tag: string): Promise<string | null> {
  const exchange = await api.listSessions({ tag: [tag], limit: 1 });
  return exchange.response.headers.server ?? null;
}
