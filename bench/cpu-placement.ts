/**
 * Where the bench runs what. On a small machine the load generator and the server under test
 * otherwise fight for the same cores, and whether the scheduler happens to put them together
 * swings a run by 2× either way. Pinning the servers to one CPU and the load generator to another
 * (Linux `taskset`) makes rounds comparable; where that is not possible the bench says so.
 */
import { spawnSync } from 'node:child_process';
import { cpus, platform } from 'node:os';

/** The outcome of planning: pinned to two CPUs, or why not. */
export type Placement =
  | { readonly pinned: true; readonly serverCpu: number; readonly loadCpu: number }
  | { readonly pinned: false; readonly reason: string };

function tasksetWorks(): boolean {
  const probe = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Plans the placement; `wanted: false` (`--no-pin`) leaves everything to the scheduler. */
export function planPlacement(wanted: boolean): Placement {
  if (!wanted) return { pinned: false, reason: 'turned off with --no-pin' };
  if (platform() !== 'linux') return { pinned: false, reason: `pinning needs Linux taskset, this is ${platform()}` };
  if (cpus().length < 2) return { pinned: false, reason: 'one CPU only' };
  if (!tasksetWorks()) return { pinned: false, reason: 'taskset is not available' };
  return { pinned: true, serverCpu: 0, loadCpu: 1 };
}

/** Moves every thread of this process (the load generator) to the load CPU. */
export function pinThisProcess(placement: Placement): Placement {
  if (!placement.pinned) return placement;
  const result = spawnSync('taskset', ['-a', '-pc', String(placement.loadCpu), String(process.pid)], { stdio: 'ignore' });
  return result.status === 0 ? placement : { pinned: false, reason: 'taskset could not move the bench process' };
}

/** The command line that starts a server under test on the server CPU. */
export function serverCommand(placement: Placement, command: string, args: readonly string[]): { command: string; args: readonly string[] } {
  return placement.pinned ? { command: 'taskset', args: ['-c', String(placement.serverCpu), command, ...args] } : { command, args };
}

/** One line for the report. */
export function describePlacement(placement: Placement): string {
  return placement.pinned ? `servers pinned to CPU ${placement.serverCpu}, load generator to CPU ${placement.loadCpu}` : `not pinned (${placement.reason})`;
}
