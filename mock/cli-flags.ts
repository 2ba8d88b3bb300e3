/**
 * The checks behind `session-mock`'s flags. yargs types flags loosely (`--port` with no value is
 * the default, `--port 0x10` is 16, `--cors` with no value is ""), so each value is read here from
 * its text, and a bad one stops the start with a one-line message naming the flag.
 */
import { isAdminToken, type AdminAccess } from './app/admin-access.js';
import { parseCors, type CorsPolicy } from './app/cors.js';
import { parseAllowedHosts } from './app/host-check.js';
import { MAX_LATENCY_MS, parseLatency, type Latency } from './app/faults.js';

/** The flags as yargs hands them over; a flag given twice arrives as an array. */
export interface RawFlags {
  readonly port: unknown;
  readonly host: unknown;
  readonly cors: unknown;
  readonly latency: unknown;
  readonly allowedHosts?: unknown;
  readonly admin?: unknown;
  readonly adminToken?: unknown;
  readonly stateDir?: unknown;
}

/** The flags as `createMockServer` takes them. */
export interface CheckedFlags {
  readonly port: number;
  readonly host: string;
  readonly cors: CorsPolicy;
  readonly latency: Latency | null;
  readonly allowedHosts: readonly string[] | '*';
  readonly admin: AdminAccess;
  /** `--state-dir`: absent keeps the state in memory only. */
  readonly stateDir?: string;
}

/** One value of a string flag (`fallback` when it is absent), or an error naming it. */
function single(flag: string, value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (Array.isArray(value)) throw new Error(`--${flag} was given more than once`);
  if (typeof value !== 'string' || value === '') throw new Error(`--${flag} needs a value`);
  return value;
}

function port(text: string): number {
  // Decimal digits only: Number() would also take "0x10", "1e3" or " 80 ".
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(value <= 65535)) throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`);
  return value;
}

function cors(text: string): CorsPolicy {
  const policy = parseCors(text);
  if (!policy) throw new Error(`--cors must be localhost, *, off, or a comma-separated list of origins like http://localhost:5173, got "${text}"`);
  return policy;
}

function latency(text: string): Latency {
  // parseLatency holds the same range as PUT /__admin/faults, so both accept the same latencies.
  const value = parseLatency(text);
  if (!value) throw new Error(`--latency must be milliseconds "MS" or a range "MIN-MAX", at most ${MAX_LATENCY_MS}, got "${text}"`);
  return value;
}

function allowedHosts(text: string): readonly string[] | '*' {
  const hosts = parseAllowedHosts(text);
  if (!hosts) throw new Error(`--allowed-hosts must be * or a comma-separated list of host names without ports, like mock.test,dev.local, got "${text}"`);
  return hosts;
}

/** `--admin on|off` and `--admin-token`; the token's value never appears in a message. */
function admin(mode: string | undefined, token: string | undefined): AdminAccess {
  if (mode !== undefined && mode !== 'on' && mode !== 'off') throw new Error(`--admin must be on or off, got "${mode}"`);
  if (token !== undefined && mode === 'off') throw new Error('--admin-token makes no sense with --admin off: give one or the other');
  if (token !== undefined && !isAdminToken(token)) throw new Error('--admin-token must be at least 16 printable ASCII characters without spaces');
  if (token !== undefined) return { kind: 'token', token };
  return mode === 'off' ? { kind: 'off' } : { kind: 'open' };
}

/** Checks every flag; throws an Error whose message is one line naming the first bad flag. */
export function checkFlags(raw: RawFlags): CheckedFlags {
  return {
    port: port(single('port', raw.port, '4010')),
    host: single('host', raw.host, '127.0.0.1'),
    cors: cors(single('cors', raw.cors, 'localhost')),
    latency: raw.latency === undefined ? null : latency(single('latency', raw.latency)),
    allowedHosts: raw.allowedHosts === undefined ? [] : allowedHosts(single('allowed-hosts', raw.allowedHosts)),
    admin: admin(raw.admin === undefined ? undefined : single('admin', raw.admin), raw.adminToken === undefined ? undefined : single('admin-token', raw.adminToken)),
    ...(raw.stateDir === undefined ? {} : { stateDir: single('state-dir', raw.stateDir) }),
  };
}
