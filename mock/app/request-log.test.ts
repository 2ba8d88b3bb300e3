import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.js';

describe('RequestLog', () => {
  it('keeps the newest `capacity` requests, newest first, and says how many it keeps', () => {
    const log = new RequestLog(3);
    expect(log.capacity).toBe(3);
    for (let i = 0; i < 5; i += 1) log.add({ atMs: 0, method: 'GET', url: `/${i}`, status: 200, durationMs: 0, code: undefined });
    expect(log.list().map((e) => e.url)).toEqual(['/4', '/3', '/2']);
    expect(log.list(1).map((e) => e.url)).toEqual(['/4']);
  });

  it('refuses a capacity it could not hold requests in', () => {
    expect(() => new RequestLog(0)).toThrow(RangeError);
    expect(() => new RequestLog(2.5)).toThrow(RangeError);
  });
});
