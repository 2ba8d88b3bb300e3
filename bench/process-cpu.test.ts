import { platform } from 'node:os';
import { describe, expect, it } from 'vitest';
import { processCpuMs } from './process-cpu.js';

describe('processCpuMs', () => {
  it.runIf(platform() === 'linux')('reads a live process and sees it spend CPU', () => {
    const before = processCpuMs(process.pid);
    expect(before).not.toBeNull();
    // Spin until /proc shows 50 ms more CPU (on a loaded machine that takes longer than 50 ms of
    // wall time, so the bound is generous): a reader stuck at one value never gets there.
    const giveUp = Date.now() + 20_000;
    let after = before;
    while (Date.now() < giveUp && (after ?? 0) - (before ?? 0) < 50) after = processCpuMs(process.pid);
    expect((after ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('says null for an unknown or missing process', () => {
    expect(processCpuMs(undefined)).toBeNull();
    expect(processCpuMs(2 ** 30)).toBeNull();
  });
});
