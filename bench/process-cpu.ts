/**
 * CPU time a server process used, read from `/proc/<pid>/stat` (user + system time of all its
 * threads). With the load generator on the same small machine, requests/s can be capped by the
 * load generator rather than the server; CPU time per request is what the server itself costs.
 */
import { readFileSync } from 'node:fs';

/** Linux reports these fields in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const TICKS_PER_SECOND = 100;

/** CPU a process has used so far, in ms: in its own code (user) and in the kernel on its behalf (system). */
export interface CpuTimes {
  readonly userMs: number;
  readonly systemMs: number;
}

/** User and system CPU of the process so far, or `null` where `/proc` does not tell. */
export function processCpuTimes(pid: number | undefined): CpuTimes | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? { userMs: (utime * 1000) / TICKS_PER_SECOND, systemMs: (stime * 1000) / TICKS_PER_SECOND } : null;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU the process has used so far, or `null` where `/proc` does not tell. */
export function processCpuMs(pid: number | undefined): number | null {
  const times = processCpuTimes(pid);
  return times === null ? null : times.userMs + times.systemMs;
}
