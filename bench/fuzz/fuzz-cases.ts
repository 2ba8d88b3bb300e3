/**
 * Generates one invalid request: an operation of the contract (or an admin route, or none), a
 * fatal defect that makes any write refuse (so the state cannot change), and extra damage on top
 * (odd headers, bodies, encodings). Labels say what was sent, for the per-operation tally.
 */
import type { FuzzRandom } from './fuzz-random.js';
import type { Delivery } from './raw-exchange.js';

/** A route the campaign aims at: a contract operation or an admin route. */
export interface FuzzTarget {
  readonly label: string;
  readonly method: string;
  /** With `{name}` placeholders. */
  readonly pathTemplate: string;
  /** Whether a well-formed request could change the state (then a fatal defect is always added). */
  readonly writes: boolean;
  readonly jsonBody: boolean;
}

/** What the generator knows about the server's data: real ids to aim at, and tokens. */
export interface FuzzWorld {
  readonly sessionIds: readonly string[];
  /** A token with rights to change the sessions above; refused requests still carry it often. */
  readonly ownerToken: string;
  /** A token of another tenant: every write it sends to the sessions above is refused. */
  readonly outsiderToken: string;
  /** `host:port` as a loopback client sends it. */
  readonly host: string;
}

/** One generated request. */
export interface FuzzCase {
  readonly target: string;
  readonly defect: string;
  /** The method sent (a write answered 2xx is a finding: every write here is meant to be refused). */
  readonly method: string;
  readonly bytes: Uint8Array;
  readonly delivery: Delivery;
}

const utf8 = new TextEncoder();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];
// Each is refused in every path position, a file path's included ("~" or "%20" would be a fine file name).
const BAD_SEGMENTS = ['..', '%2e%2e', '%2E%2e%2f..', '.', '%00', 'a%00b', '%c0%ae%c0%ae', '%ZZ', '%', '%FF%FE', '..%2f..%2fetc%2fpasswd', '\u00e9', 'a%2F%2Fb', '%2Fetc%2Fpasswd'];
const BAD_JSON = ['{', '{"title":', '[', '{"a":1,}', '{"a" 1}', 'nul', 'tru', '{"title":"x"}}', '\u0000', '{"\\ud800":1}', '"\\x"', '01', '{"a":1e999999}', '{"title":"x","title":"y","zz":'];
const WRONG_VALUES = ['1', '-1', '1.5', '"x"', 'true', 'null', '[]', '[1,2]', '{"a":{}}', '"' + 'x'.repeat(2000) + '"'];
const FIELDS = ['title', 'files', 'tags', 'metadata', 'path', 'content', 'checkpointId', 'expectedRevision', 'strategy', 'sourceSessionId', 'body', 'range', 'status', 'decision', 'value', 'ttlSeconds', 'add', 'remove', 'message', 'revision', 'label', 'name'];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/problem+json', 'json', '', 'application/json;;;', 'text/event-stream'];
const QUERIES = ['limit=0', 'limit=-1', 'limit=abc', 'limit=1e3', 'limit=99999999999999999999', 'cursor=%ZZ', 'cursor=' + 'A'.repeat(500), 'status=bogus', 'tag=%00', 'limit=1&limit=2', 'after=evt_nope', 'revision=rev_nope', 'path=..%2f', '&&&', '%', 'unknown=1'];

/** A JSON text nested `depth` deep. */
function nested(depth: number, random: FuzzRandom): string {
  const open = random.chance(0.5) ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + '1' + close.repeat(depth);
}

/** A body of the kind a JSON route never accepts as valid, or junk for any route. */
function badBody(random: FuzzRandom): { text: Uint8Array; name: string } {
  switch (random.int(7)) {
    case 0:
      return { name: 'malformed-json', text: utf8.encode(random.pick(BAD_JSON)) };
    case 1:
      return { name: 'deep-json', text: utf8.encode(nested(random.pick([33, 100, 1000, 10_000, 10_000, 100_000]), random)) };
    case 2:
      return { name: 'wrong-type', text: utf8.encode(random.pick(WRONG_VALUES)) };
    case 3: {
      const field = random.pick(FIELDS);
      return { name: 'unknown-field', text: utf8.encode(`{"${field}":${random.pick(WRONG_VALUES)},"zz_unknown_${random.int(1000)}":${random.pick(WRONG_VALUES)}}`) };
    }
    case 4:
      return { name: 'invalid-utf8', text: new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xc0, 0xae, 0xed, 0xa0, 0x80, 0x22, 0x7d]) };
    case 5:
      return { name: 'huge-string', text: utf8.encode(`{"${random.pick(FIELDS)}":"${'x'.repeat((random.chance(0.05) ? 1_100_000 : 70_000))}","zz_unknown":1}`) };
    default:
      return { name: 'binary', text: Uint8Array.from({ length: 64 + random.int(512) }, () => random.int(256)) };
  }
}

function fillPath(template: string, world: FuzzWorld, random: FuzzRandom, breakIt: boolean): string {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const broken = breakIt ? random.int(Math.max(names.length, 1)) : -1;
  let index = 0;
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const mine = index++;
    if (mine === broken) return random.pick(BAD_SEGMENTS);
    if (/session/i.test(name)) return random.chance(0.85) ? random.pick(world.sessionIds) : 'ses_nope' + random.int(99);
    if (name === 'filePath') return random.pick(['src%2Fapp.ts', 'README.md', 'none.txt', 'a%2F..%2Fb']);
    return `${name.replace(/Id$/, '').slice(0, 3)}_nope${random.int(99)}`;
  });
}

/** The fatal defects a write gets (at least one of them): each one is refused whatever else the request holds. */
const FATAL = ['no-token', 'bad-token', 'outsider-token', 'unknown-session', 'bad-segment', 'wrong-method', 'wrong-content-type', 'bad-body', 'bad-if-match', 'foreign-host'] as const;

/** Builds request `random` (one request's PRNG) against `targets`. */
export function generateCase(targets: readonly FuzzTarget[], world: FuzzWorld, random: FuzzRandom): FuzzCase {
  const target = random.pick(targets);
  // Reads get a defect only sometimes; writes always, which is what keeps the state unchanged.
  const admin = target.label.startsWith('admin ');
  // The admin API takes no token: its refusals come from the method, the Host or the body.
  const fatal = admin ? (target.jsonBody ? ['wrong-method', 'foreign-host', 'bad-body'] : ['wrong-method', 'foreign-host']) : FATAL;
  const defect = target.writes || random.chance(0.7) ? random.pick(fatal) : 'odd-read';
  let method = target.method;
  let path = fillPath(target.pathTemplate, world, random, defect === 'bad-segment');
  if (defect === 'unknown-session') path = path.replace(/ses_[A-Za-z0-9]+/, 'ses_nope' + random.int(99));
  if (defect === 'wrong-method') method = random.pick(METHODS.filter((m) => m !== target.method));
  const query = random.chance(0.3) ? '?' + random.pick(QUERIES) : '';
  const headers: string[] = [`Host: ${defect === 'foreign-host' ? random.pick(['evil.example', 'evil.example:4010', 'localhost.evil.example', '127.0.0.1.nip.io']) : world.host}`, 'Connection: close'];
  // A wrong method may name another route of the same path (GET → DELETE), and a file PUT takes any
  // media type and any body: those go without a token, so the route (405) or auth (401) refuses them.
  const tokenless = defect === 'no-token' || defect === 'wrong-method' || ((defect === 'wrong-content-type' || defect === 'bad-body') && !target.jsonBody);
  if (defect === 'bad-token') headers.push(`Authorization: ${random.pick(['Bearer nope', 'Bearer', 'Basic Zm9vOmJhcg==', 'bearer  ', 'Bearer ' + 'x'.repeat(4000), `Bearer ${world.ownerToken}x`])}`);
  else if (defect === 'outsider-token') headers.push(`Authorization: Bearer ${world.outsiderToken}`);
  else if (!tokenless) headers.push(`Authorization: Bearer ${world.ownerToken}`);
  if (defect === 'bad-if-match') headers.push(`If-Match: ${random.pick(['"999999"', 'W/"999999"'])}`);
  // Extra damage, independent of the defect.
  if (random.chance(0.1)) headers.push(`X-Fuzz: ${'h'.repeat(random.pick([100, 8000, 20_000]))}`);
  if (random.chance(0.1)) headers.push('Accept: ' + random.pick(['application/xml', '*/*;q=0', 'text/event-stream;q=0, application/json;q=0', '']));
  if (random.chance(0.05)) headers.push(`Idempotency-Key: ${random.pick(['', ' ', 'k'.repeat(300), 'a b', '\u00e9'])}`);
  const wantsBody = target.jsonBody || defect === 'bad-body' || defect === 'wrong-content-type' || random.chance(0.2);
  const body = wantsBody ? badBody(random) : null;
  const contentType = defect === 'wrong-content-type' ? random.pick(CONTENT_TYPES.slice(1)) : target.jsonBody ? 'application/json' : random.pick(CONTENT_TYPES);
  if (body) headers.push(`Content-Type: ${contentType}`);
  let delivery: Delivery = { kind: 'whole' };
  const bodyBytes = body?.text ?? new Uint8Array(0);
  const framing = random.int(20);
  // A body shorter than its framing says: the server waits for the rest (up to its 30 s timeout).
  let incomplete = false;
  if (body || framing < 4) {
    if (framing === 0) headers.push(`Content-Length: ${bodyBytes.length}`, `Content-Length: ${bodyBytes.length + 1}`);
    else if (framing === 1) headers.push(`Content-Length: ${bodyBytes.length}`, 'Transfer-Encoding: chunked');
    else if (framing === 2) headers.push('Content-Length: -1');
    else if (framing === 3) headers.push('Transfer-Encoding: chunked');
    else {
      incomplete = random.chance(0.05);
      headers.push(`Content-Length: ${bodyBytes.length + (incomplete ? 10 : 0)}`);
    }
  }
  const head = utf8.encode(`${method} ${path}${query} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
  const chunked = random.pick(['zz\r\nabc\r\n0\r\n\r\n', '5\r\nab', 'ffffffffffff\r\n']);
  if (framing === 3 && !chunked.startsWith('zz')) incomplete = true;
  const tail = framing === 3 ? utf8.encode(chunked) : bodyBytes;
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length);
  const roll = random.next();
  // Most incomplete requests end with the client going away (a truncated body); one in 500 waits
  // for the server's own 408, so the campaign's time is not spent waiting.
  if (incomplete && !random.chance(0.002)) delivery = { kind: 'cut', afterBytes: bytes.length };
  else if (roll < 0.03) delivery = { kind: 'cut', afterBytes: random.int(bytes.length) };
  else if (roll < 0.031 && bytes.length < 4096) delivery = { kind: 'slow', pieceBytes: 1 + random.int(8), pauseMs: 20 };
  const label = body ? `${defect}+${body.name}` : defect;
  return { target: target.label, defect: label, method, bytes, delivery };
}
