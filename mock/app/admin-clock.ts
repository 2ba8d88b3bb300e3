import { json, problem } from '../core/http/respond.js';
import type { MockResponse } from '../core/http/messages.js';
import type { ControllableClock } from '../core/state/controllable-clock.js';

/** The most one `PUT /__admin/clock` may move the clock on: 100 years, far inside what a Date can hold. */
const MAX_ADVANCE_MS = 100 * 365 * 24 * 3600 * 1000;

/** The latest instant the clock may read: timestamps must still print as four-digit-year ISO-8601. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

const CHANGES = ['freeze', 'set', 'advanceSeconds', 'advanceMs'] as const;

/** One change of `PUT /__admin/clock`. */
type ClockChange = { freeze: boolean } | { set: number } | { advanceMs: number; pointer: string };

function invalid(pointer: string, message: string): MockResponse {
  return problem('validation-failed', `${pointer === '' ? 'The body' : pointer}: ${message}.`, { errors: [{ pointer, message }] });
}

/**
 * Reads the body of `PUT /__admin/clock`: an object with exactly one of `freeze` (boolean),
 * `set` (ISO-8601 with a time zone), `advanceSeconds` (number ≥ 0) or `advanceMs` (integer ≥ 0).
 */
export function parseClockChange(body: unknown): { ok: true; value: ClockChange } | { ok: false; response: MockResponse } {
  const fail = (pointer: string, message: string) => ({ ok: false as const, response: invalid(pointer, message) });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('', 'must be an object');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !(CHANGES as readonly string[]).includes(k));
  if (unknown !== undefined) return fail(`/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`, `unknown member; give one of ${CHANGES.join(', ')}`);
  const given = CHANGES.filter((k) => k in record);
  if (given.length !== 1) return fail('', `must have exactly one of ${CHANGES.join(', ')}`);
  const [name] = given as [(typeof CHANGES)[number]];
  const value = record[name];
  switch (name) {
    case 'freeze':
      return typeof value === 'boolean' ? { ok: true, value: { freeze: value } } : fail('/freeze', 'must be true or false');
    case 'set': {
      const ms = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
      if (!Number.isFinite(ms) || ms < 0 || ms > LAST_INSTANT) return fail('/set', 'must be an ISO-8601 instant with a time zone, from 1970 to 9999');
      return { ok: true, value: { set: ms } };
    }
    case 'advanceSeconds':
    case 'advanceMs': {
      const ms = typeof value === 'number' ? (name === 'advanceSeconds' ? Math.round(value * 1000) : value) : NaN;
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
        return fail(`/${name}`, `must be ${name === 'advanceMs' ? 'an integer' : 'a number'} from 0 to ${name === 'advanceMs' ? MAX_ADVANCE_MS : MAX_ADVANCE_MS / 1000} (the clock never goes back)`);
      }
      return { ok: true, value: { advanceMs: ms, pointer: `/${name}` } };
    }
  }
}

/** `409 clock-backwards`: off the contract (the admin API is), in the same problem+json form, with the reading kept. */
function clockBackwards(clock: ControllableClock, wanted: number): MockResponse {
  const { now } = clock.status();
  const body = {
    type: 'urn:session-api:problem:clock-backwards',
    title: 'The clock cannot go back',
    status: 409,
    detail: `The clock reads ${now}; ${new Date(wanted).toISOString()} is earlier. Ids and list orders assume time never goes back, so only a later instant can be set.`,
    code: 'clock-backwards',
    now,
    errors: [{ pointer: '/set', message: `must not be before ${now}` }],
  };
  return { status: 409, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body), problemCode: body.code };
}

/** Applies a parsed change and answers the clock's status (200), or 409 clock-backwards. */
export function changeClock(clock: ControllableClock, change: ClockChange): MockResponse {
  if ('freeze' in change) {
    if (change.freeze) clock.freeze();
    else clock.unfreeze();
  } else if ('set' in change) {
    const set = clock.set(change.set);
    if (!set.ok) return clockBackwards(clock, change.set);
  } else {
    if (clock.nowMs() + change.advanceMs > LAST_INSTANT) return invalid(change.pointer, 'would move the clock past year 9999');
    clock.advance(change.advanceMs);
  }
  return json(200, clock.status());
}
