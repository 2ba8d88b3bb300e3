import { describe, expect, it } from 'vitest';
import { ControllableClock } from './controllable-clock.js';

function fakeTime(start = 1_000_000) {
  let real = start;
  return { source: () => real, tick: (ms: number) => (real += ms) };
}

describe('ControllableClock', () => {
  it('follows the real clock, and holds its reading when the real clock jitters back', () => {
    const time = fakeTime();
    const clock = new ControllableClock(time.source);
    expect(clock.nowMs()).toBe(1_000_000);
    time.tick(-5);
    expect(clock.nowMs()).toBe(1_000_000);
    time.tick(10);
    expect(clock.nowMs()).toBe(1_000_005);
  });

  it('freezes at its reading and, unfrozen, runs on from that instant instead of jumping', () => {
    const time = fakeTime();
    const clock = new ControllableClock(time.source);
    clock.freeze();
    time.tick(60_000);
    expect(clock.status()).toMatchObject({ frozen: true, now: new Date(1_000_000).toISOString(), offsetMs: -60_000 });
    clock.unfreeze();
    time.tick(1);
    expect(clock.nowMs()).toBe(1_000_001);
    expect(clock.status()).toMatchObject({ frozen: false, offsetMs: -60_000 });
  });

  it('sets and advances forward, frozen or not, and refuses to go back', () => {
    const time = fakeTime();
    const clock = new ControllableClock(time.source);
    expect(clock.set(2_000_000)).toEqual({ ok: true });
    expect(clock.nowMs()).toBe(2_000_000);
    expect(clock.set(1_999_999)).toEqual({ ok: false, nowMs: 2_000_000 });
    clock.freeze();
    clock.advance(500);
    time.tick(100);
    expect(clock.nowMs()).toBe(2_000_500);
    expect(clock.status().offsetMs).toBe(2_000_500 - 1_000_100);
  });

  it('pins one instant for a whole request, or a recorded instant for a replayed step', () => {
    const time = fakeTime();
    const clock = new ControllableClock(time.source);
    const inside = clock.during(undefined, (at) => {
      time.tick(7);
      return [at, clock.nowMs(), clock.during(undefined, () => clock.nowMs())];
    });
    expect(inside).toEqual([1_000_000, 1_000_000, 1_000_000]);
    expect(clock.during(5, () => clock.nowMs())).toBe(5);
    expect(clock.nowMs()).toBe(1_000_007);
    clock.resumeAt(9_000_000);
    expect(clock.nowMs()).toBe(9_000_000);
    clock.resumeAt(1);
    expect(clock.nowMs()).toBe(9_000_000);
  });
});
