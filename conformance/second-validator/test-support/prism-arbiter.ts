/**
 * Test-only: the suite talks to this arbiter, which sends every request through Prism's validating
 * proxy (`prism proxy --errors`) and keeps the evidence. Prism refuses requests that break the
 * contract (the suite sends some on purpose: no token, bad tag, unknown field, limit 0) without
 * forwarding them; the arbiter then sends those to the server directly, so the suite still sees
 * the server's own answer and the test can check that the server refused them too.
 *
 * Prism reads every non-JSON body as UTF-8 text, both ways: bytes that are not UTF-8 reach the
 * server, and come back from it, as U+FFFD. Such request bodies go straight to the server, and a
 * downloaded file that comes back with U+FFFD is fetched again from the server (both logged).
 */
import { send, startForwarder, type Answer, type Message } from './forwarder.js';

const PRISM_ERROR = 'https://stoplight.io/prism/errors#';

/** A request Prism answered itself. */
export interface PrismAnswer {
  readonly method: string;
  readonly url: string;
  /** Prism's problem type without its prefix (`UNPROCESSABLE_ENTITY`, `UNAUTHORIZED`, `VIOLATIONS`, …). */
  readonly type: string;
  readonly status: number;
  readonly detail: unknown;
  /** What the server answered when sent the same request directly (null: not re-sent). */
  readonly serverStatus: number | null;
}

/** Everything the arbiter saw. */
export interface ArbiterLog {
  /** Requests Prism forwarded to the server and validated both ways. */
  validated: number;
  /** Requests Prism refused as invalid (not forwarded), with the server's own answer to them. */
  readonly refused: PrismAnswer[];
  /** Responses Prism found off-contract (`--errors` turns them into a 500 `VIOLATIONS`). */
  readonly responseViolations: PrismAnswer[];
  /** Any other answer Prism made itself (no route, unsupported body, …): it could not handle the request. */
  readonly unhandled: PrismAnswer[];
  /** Requests sent straight to the server because Prism would garble their (non-UTF-8) body. */
  readonly bypassed: Array<{ readonly method: string; readonly url: string }>;
  /** File downloads Prism garbled (U+FFFD), answered with the server's own bytes. */
  readonly garbled: Array<{ readonly method: string; readonly url: string }>;
  /** `sl-violations` headers Prism attached to forwarded answers. */
  readonly slViolations: Array<{ readonly method: string; readonly url: string; readonly value: string }>;
}

/** A running arbiter. */
export interface Arbiter {
  readonly url: string;
  readonly log: ArbiterLog;
  close(): Promise<void>;
}

function prismType(answer: Answer): { type: string; detail: unknown } | null {
  if (!String(answer.headers['content-type'] ?? '').includes('json')) return null;
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as { type?: unknown; validation?: unknown; detail?: unknown };
    return typeof body.type === 'string' && body.type.startsWith(PRISM_ERROR) ? { type: body.type.slice(PRISM_ERROR.length), detail: body.validation ?? body.detail } : null;
  } catch {
    return null;
  }
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** Starts the arbiter in front of `prismUrl`; `serverUrl` is Prism's upstream, for refused requests. */
export async function startArbiter(prismUrl: string, serverUrl: string): Promise<Arbiter> {
  const log: ArbiterLog = { validated: 0, refused: [], responseViolations: [], unhandled: [], bypassed: [], garbled: [], slViolations: [] };
  const handle = async (message: Message): Promise<Answer> => {
    const where = { method: message.method, url: message.url };
    if (!isUtf8(message.body)) {
      log.bypassed.push(where);
      return send(serverUrl, message);
    }
    const viaPrism = await send(prismUrl, message);
    const sl = viaPrism.headers['sl-violations'];
    if (sl !== undefined) log.slViolations.push({ ...where, value: String(sl) });
    const own = prismType(viaPrism);
    if (own === null) {
      log.validated += 1;
      if (message.method !== 'GET' || !viaPrism.body.includes(REPLACEMENT)) return viaPrism;
      const direct = await send(serverUrl, message);
      if (direct.body.equals(viaPrism.body)) return viaPrism;
      log.garbled.push(where);
      return { ...viaPrism, body: direct.body };
    }
    const seen = { ...where, type: own.type, status: viaPrism.status, detail: own.detail };
    if (own.type === 'VIOLATIONS') {
      log.responseViolations.push({ ...seen, serverStatus: null });
      return viaPrism;
    }
    const direct = await send(serverUrl, message);
    (own.type === 'UNPROCESSABLE_ENTITY' || own.type === 'UNAUTHORIZED' ? log.refused : log.unhandled).push({ ...seen, serverStatus: direct.status });
    return direct;
  };
  const forwarder = await startForwarder(handle);
  return { url: forwarder.url, log, close: () => forwarder.close() };
}
