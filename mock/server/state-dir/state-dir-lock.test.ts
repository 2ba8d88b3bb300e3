// DIR/lock: one mock per state directory, and a killed one never leaves it stuck.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from './journal-fs.js';
import { lockStateDir, processAlive } from './state-dir-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'state-lock-'));
  dirs.push(d);
  return d;
}

describe('the state directory lock', () => {
  it('writes the owner pid, refuses a second owner while it lives, and is free after release', () => {
    const d = dir();
    const first = lockStateDir(d, { fs: nodeFs, pid: 4242, isAlive: () => true });
    expect(first.ok).toBe(true);
    expect(readFileSync(join(d, 'lock'), 'utf8')).toBe('4242\n');
    // A second mock in this same process is refused before the pid is even read.
    const second = lockStateDir(d, { fs: nodeFs, pid: 777, isAlive: (pid) => pid === 4242 });
    expect(second).toEqual({ ok: false, message: expect.stringContaining('in use by another mock in this process') as string });
    if (first.ok) first.lock.release();
    expect(existsSync(join(d, 'lock'))).toBe(false);
    const third = lockStateDir(d, { fs: nodeFs, pid: 777, isAlive: () => true });
    expect(third.ok).toBe(true);
    if (third.ok) third.lock.release();
  });

  it('names the live owner of a lock another process holds', () => {
    const d = dir();
    writeFileSync(join(d, 'lock'), '4242\n');
    expect(lockStateDir(d, { fs: nodeFs, pid: 777, isAlive: (pid) => pid === 4242 })).toEqual({
      ok: false,
      message: expect.stringMatching(/in use by session-mock pid 4242 .*lock\); stop that mock, or give another --state-dir/) as string,
    });
  });

  it('takes over the lock of a dead owner (a mock killed with SIGKILL) and of a garbled file', () => {
    for (const content of ['4242\n', 'not a pid']) {
      const d = dir();
      writeFileSync(join(d, 'lock'), content);
      const taken = lockStateDir(d, { fs: nodeFs, pid: 777, isAlive: () => false });
      expect(taken.ok).toBe(true);
      expect(readFileSync(join(d, 'lock'), 'utf8')).toBe('777\n');
      if (taken.ok) taken.lock.release();
    }
  });

  it('tells a live process from a dead one', () => {
    expect(processAlive(process.pid)).toBe(true);
    // Far above any pid_max (4194304 at most on Linux).
    expect(processAlive(2 ** 30)).toBe(false);
  });
});
