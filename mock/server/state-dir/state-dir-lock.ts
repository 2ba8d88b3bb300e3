import { join } from 'node:path';
import { describeFsError, type JournalFs } from './journal-fs.js';

/** Whether a process is alive: `kill(pid, 0)` sends nothing and fails with ESRCH when there is none. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** State directories this process holds: a second mock in the same process must not write one either. */
const heldHere = new Set<string>();

/** A held lock; `release` gives it up (idempotent). */
export interface StateDirLock {
  release(): void;
}

export interface LockOptions {
  readonly fs: JournalFs;
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * Takes `DIR/lock`, a file holding the owner's pid, created exclusively. A lock whose owner is no
 * longer alive (a killed mock) is taken over, so a crash never leaves the directory stuck; one
 * whose owner lives is refused with a message naming it.
 */
export function lockStateDir(dir: string, options: LockOptions): { ok: true; lock: StateDirLock } | { ok: false; message: string } {
  const { fs } = options;
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processAlive;
  const path = join(dir, 'lock');
  if (heldHere.has(path)) return { ok: false, message: `${dir} is in use by another mock in this process (${path})` };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(path, 'wx');
      try {
        fs.writeSync(fd, `${pid}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      heldHere.add(path);
      return { ok: true, lock: { release: () => release(fs, path, pid) } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, message: `cannot create ${path}: ${describeFsError(error)}` };
    }
    const owner = ownerOf(fs, path);
    if (owner !== null && owner !== pid && isAlive(owner)) {
      return { ok: false, message: `${dir} is in use by session-mock pid ${owner} (${path}); stop that mock, or give another --state-dir` };
    }
    // The owner is gone (or the file is not a lock at all): take it over. A rival doing the same
    // at this instant makes one of the two `wx` creations fail, and that one reports it.
    try {
      fs.unlinkSync(path);
    } catch {
      // Removed by that rival already.
    }
  }
  return { ok: false, message: `${dir} is being locked by another mock at this moment (${path}); try again` };
}

function ownerOf(fs: JournalFs, path: string): number | null {
  try {
    const pid = Number(String(fs.readFileSync(path, 'utf8')).trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function release(fs: JournalFs, path: string, pid: number): void {
  if (!heldHere.delete(path)) return;
  if (ownerOf(fs, path) === pid) {
    try {
      fs.unlinkSync(path);
    } catch {
      // Gone already; the next mock finds no lock, or one of a dead pid.
    }
  }
}
