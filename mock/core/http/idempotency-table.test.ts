// The idempotency table alone: 24 h of the clock from first use, then gone; the front sweep
// keeps it bounded and never drops a live record (contract §11 "Retention").
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyTable } from './idempotency-table.js';

const OK = { status: 201, headers: {} };

function tableAt(start: number) {
  const clock = { now: start };
  return { clock, table: new IdempotencyTable(() => clock.now) };
}

describe('idempotency table', () => {
  it('keeps a record for exactly the retention and forgets it one millisecond later', () => {
    const { clock, table } = tableAt(1_000);
    table.set('a', 'print', OK);
    clock.now += IDEMPOTENCY_RETENTION_MS;
    expect(table.get('a')).toEqual({ fingerprint: 'print', response: OK, firstUsedMs: 1_000 });
    clock.now += 1;
    expect(table.get('a')).toBeUndefined();
    expect(table.size).toBe(0);
  });

  it('sweeps expired records from the front on insert and keeps the live ones', () => {
    const { clock, table } = tableAt(0);
    for (let i = 0; i < 100; i += 1) table.set(`old-${i}`, 'p', OK);
    clock.now += IDEMPOTENCY_RETENTION_MS / 2;
    table.set('young', 'p', OK);
    clock.now += IDEMPOTENCY_RETENTION_MS / 2 + 1;
    table.set('new', 'p', OK);
    expect(table.size).toBe(2);
    expect(table.get('young')?.firstUsedMs).toBe(IDEMPOTENCY_RETENTION_MS / 2);
  });

  it('remembers a re-used expired key from its new first use, at the back of the order', () => {
    const { clock, table } = tableAt(0);
    table.set('k', 'first', OK);
    clock.now += IDEMPOTENCY_RETENTION_MS + 1;
    expect(table.get('k')).toBeUndefined();
    table.set('k', 'second', OK);
    table.set('other', 'p', OK);
    clock.now += IDEMPOTENCY_RETENTION_MS;
    table.set('late', 'p', OK);
    expect(table.get('k')).toEqual({ fingerprint: 'second', response: OK, firstUsedMs: IDEMPOTENCY_RETENTION_MS + 1 });
    expect(table.size).toBe(3);
  });

  it('never drops a live record when a reading goes back (a replayed step) or stands still', () => {
    const { clock, table } = tableAt(10 * IDEMPOTENCY_RETENTION_MS);
    table.set('late', 'p', OK);
    clock.now = 0;
    table.set('early', 'p', OK);
    clock.now = 10 * IDEMPOTENCY_RETENTION_MS;
    // 'early' is out of order behind a live record: the sweep stops there, a lookup still expires it.
    table.set('now', 'p', OK);
    expect(table.get('late')).toBeDefined();
    expect(table.get('early')).toBeUndefined();
    expect(table.size).toBe(2);
  });
});
