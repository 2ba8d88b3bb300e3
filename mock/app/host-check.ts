/**
 * The `Host` check that keeps a web page from reaching a mock on the developer's machine through
 * DNS rebinding: the page's own name resolves to 127.0.0.1, but its requests still carry that name
 * in `Host`, so a loopback mock answers only loopback names and the ones it was told about.
 */

/** Which `Host` values the mock answers. `any`: no check (bound off the loopback without `--allowed-hosts`). */
export type HostPolicy = { readonly kind: 'any' } | { readonly kind: 'listed'; readonly names: ReadonlySet<string> };

/** The names every loopback-bound mock answers, whatever the port (CORS's default allows origins on them too). */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a bind address (or name) is on the loopback: `localhost`, `127.x.y.z`, `::1`. */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/** A host name as `--allowed-hosts` takes it: letters, digits, dots and dashes, or a bracketed IPv6 address. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

/**
 * Parses `--allowed-hosts`: a comma-separated list of host names without ports
 * (`mock.test,dev.local`), or `*` for no check. `null` when an entry is not a host name.
 */
export function parseAllowedHosts(text: string): readonly string[] | '*' | null {
  const value = text.trim();
  if (value === '*') return '*';
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  return names.every((name) => HOST_NAME.test(name)) ? names : null;
}

/**
 * The policy for a mock bound to `bindHost`: a loopback bind answers loopback names plus `allowed`;
 * any other bind answers every `Host` unless `allowed` lists names (the LAN names a loopback list
 * cannot know). `*` switches the check off.
 */
export function hostPolicy(bindHost: string, allowed: readonly string[] | '*' = []): HostPolicy {
  if (allowed === '*') return { kind: 'any' };
  if (!isLoopbackAddress(bindHost) && allowed.length === 0) return { kind: 'any' };
  const names = new Set(allowed.map((name) => name.toLowerCase()));
  if (isLoopbackAddress(bindHost)) for (const name of LOOPBACK_NAMES) names.add(name);
  return { kind: 'listed', names };
}

/** The name part of a `Host` header, lower case and without the port: `Example.test:4010` → `example.test`, `[::1]:80` → `[::1]`. */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * Whether a request with this `Host` may be answered. A request without `Host` (HTTP/1.0, a test
 * calling the app directly) passes: a browser always sends one, and the check is against browsers.
 */
export function hostAllowed(policy: HostPolicy, header: string | undefined): boolean {
  if (policy.kind === 'any' || header === undefined) return true;
  return policy.names.has(hostName(header));
}
