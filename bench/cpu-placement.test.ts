import { describe, expect, it } from 'vitest';
import { describePlacement, planPlacement, serverCommand } from './cpu-placement.js';

describe('CPU placement', () => {
  it('leaves commands alone when pinning is off, and says why', () => {
    const placement = planPlacement(false);
    expect(placement).toEqual({ pinned: false, reason: 'turned off with --no-pin' });
    expect(serverCommand(placement, 'node', ['a.js'])).toEqual({ command: 'node', args: ['a.js'] });
    expect(describePlacement(placement)).toBe('not pinned (turned off with --no-pin)');
  });

  it('starts servers through taskset on the server CPU when pinned', () => {
    const pinned = { pinned: true, serverCpu: 0, loadCpu: 1 } as const;
    expect(serverCommand(pinned, 'node', ['a.js', '--port', '1'])).toEqual({ command: 'taskset', args: ['-c', '0', 'node', 'a.js', '--port', '1'] });
    expect(describePlacement(pinned)).toBe('servers pinned to CPU 0, load generator to CPU 1');
  });

  it('pins only where it can, and otherwise gives a reason', () => {
    const placement = planPlacement(true);
    if (placement.pinned) expect(placement.serverCpu).not.toBe(placement.loadCpu);
    else expect(placement.reason.length).toBeGreaterThan(0);
  });
});
