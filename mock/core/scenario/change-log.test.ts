import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from './change-log.js';
import type { RecordedChange } from './record-step.js';

const utf8 = new TextEncoder();

function change(overrides: Partial<RecordedChange> = {}): RecordedChange {
  return { method: 'POST', url: '/v1/sessions', status: 201, token: 'demo-ana', headers: undefined, contentType: 'application/json', body: utf8.encode('{"title":"t"}'), at: 1_764_000_000_123, ...overrides };
}

describe('ChangeLog', () => {
  it('gives back what was appended, in order', () => {
    const log = new ChangeLog();
    const changes = [
      change(),
      change({ method: 'PUT', url: '/v1/sessions/ses_1/files/%C3%A9t%C3%A9.txt', status: 200, token: undefined, headers: { 'if-match': '"abc"' }, contentType: 'text/plain; charset=utf-8', body: new Uint8Array([0, 255, 10]) }),
      change({ method: 'DELETE', url: '/v1/sessions/ses_1', status: 204, contentType: undefined, body: undefined }),
      change({ headers: { 'idempotency-key': 'k;1:2-', 'if-none-match': '*' }, token: 'tök:en;-', at: 0 }),
    ];
    for (const c of changes) log.append(c);
    expect(log.size).toBe(4);
    expect([...log]).toEqual(changes);
  });

  it('keeps a body larger than a chunk, and the records on either side of it', () => {
    const log = new ChangeLog();
    const big = new Uint8Array(600 * 1024).map((_, i) => i % 251);
    log.append(change({ url: '/before' }));
    log.append(change({ method: 'PUT', url: '/big', contentType: 'application/octet-stream', body: big }));
    log.append(change({ url: '/after' }));
    const read = [...log];
    expect(read.map((c) => c.url)).toEqual(['/before', '/big', '/after']);
    const body = read[1]?.body ?? new Uint8Array(0);
    expect(body.length).toBe(big.length);
    expect(body.every((byte, i) => byte === big[i])).toBe(true);
  });

  it('holds little more than it keeps when large and small writes take turns', () => {
    const log = new ChangeLog();
    let kept = 0;
    for (let i = 0; i < 20; i += 1) {
      const body = new Uint8Array(i % 2 === 0 ? 300 * 1024 : 10);
      log.append(change({ method: 'PUT', contentType: 'application/octet-stream', body }));
      kept += body.length;
    }
    expect(log.size).toBe(20);
    expect(log.heldBytes).toBeLessThan(kept * 1.5);
  });

  it('copies bodies: a transport reusing its buffer does not change the log', () => {
    const log = new ChangeLog();
    const body = utf8.encode('{"title":"a"}');
    log.append(change({ body }));
    body.fill(0x20);
    expect(new TextDecoder().decode([...log][0]?.body)).toBe('{"title":"a"}');
  });

  it('replaces a lone surrogate rather than losing its place among the fields', () => {
    const log = new ChangeLog();
    log.append(change({ url: '/v1/sessions/\uD800x', token: 'after' }));
    expect([...log][0]).toMatchObject({ url: '/v1/sessions/\uFFFDx', token: 'after' });
  });

  it('round-trips any change, across many chunks (a lone surrogate comes back as U+FFFD)', () => {
    const unit = fc.oneof(fc.constantFrom('\uD800', '\uDC00', ';', ':', '-', '9:'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    const text = fc.string({ unit, maxLength: 40 });
    const roundTrip = (value: string): string => new TextDecoder().decode(new TextEncoder().encode(value));
    const asStored = (c: RecordedChange): RecordedChange => ({
      ...c,
      url: roundTrip(c.url),
      token: c.token === undefined ? undefined : roundTrip(c.token),
      contentType: c.contentType === undefined ? undefined : roundTrip(c.contentType),
      headers: c.headers === undefined ? undefined : Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, roundTrip(v)])),
    });
    const recorded = fc.record({
      method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
      url: text,
      status: fc.integer({ min: 200, max: 399 }),
      token: fc.option(text, { nil: undefined }),
      headers: fc.option(fc.dictionary(fc.constantFrom('if-match', 'if-none-match', 'idempotency-key'), text, { minKeys: 1 }), { nil: undefined }),
      contentType: fc.option(text, { nil: undefined }),
      body: fc.option(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { nil: undefined }),
      at: fc.integer({ min: 0, max: 253_402_300_799_999 }),
    });
    fc.assert(
      fc.property(fc.array(recorded, { maxLength: 300 }), (changes) => {
        const log = new ChangeLog();
        for (const c of changes) log.append(c);
        expect([...log]).toEqual(changes.map(asStored));
      }),
      { numRuns: 60 },
    );
  });
});
