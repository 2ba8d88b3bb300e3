import { platform } from 'node:os';
import { describe, expect, it } from 'vitest';
import { processCpuMs } from './process-cpu.js';

describe('processCpuMs', () => {
  it.runIf(platform() === 'linux')('reads a live process and sees it spend CPU', () => {
    const before = processCpuMs(process.pid);
    const until = Date.now() + 120;
    let spin = 0;
    while (Date.now() < until) spin += 1;
    const after = processCpuMs(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(before).not.toBeNull();
    expect((after ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('says null for an unknown or missing process', () => {
    expect(processCpuMs(undefined)).toBeNull();
    expect(processCpuMs(2 ** 30)).toBeNull();
  });
});
