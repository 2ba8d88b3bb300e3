import { describe, expect, it } from 'vitest';
import { IdFactory, MonotonicClock } from './ids.js';

describe('MonotonicClock', () => {
  it('never goes backwards, and repeats the same text within one millisecond', () => {
    const readings = [1_000, 1_000, 500, 2_000];
    const clock = new MonotonicClock(() => readings.shift() ?? 0);
    const first = clock.now();
    expect(first).toBe('1970-01-01T00:00:01.000Z');
    expect(clock.now()).toBe(first);
    expect(clock.now()).toBe(first);
    expect(clock.now()).toBe('1970-01-01T00:00:02.000Z');
  });
});

describe('IdFactory', () => {
  it('counts per prefix, in order, with fixed-width base-36 numbers', () => {
    const ids = new IdFactory();
    expect([ids.next('ses'), ids.next('ses'), ids.next('rev')]).toEqual(['ses_00000001', 'ses_00000002', 'rev_00000001']);
  });
});
