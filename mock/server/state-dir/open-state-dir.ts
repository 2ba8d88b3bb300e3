import { join } from 'node:path';
import { readJournalFrames } from '../../core/journal/journal-frames.js';
import type { CoreJournal } from '../../core/mock-core.js';
import { JournalFile } from './journal-file.js';
import { describeFsError, nodeFs, type JournalFs } from './journal-fs.js';
import { lockStateDir, type LockOptions } from './state-dir-lock.js';

/** A state directory opened: the journal a core writes to, what was restored, and how to let go. */
export interface OpenStateDir {
  readonly journal: CoreJournal;
  readonly path: string;
  /** Changes the journal held at start (0 for a new one). */
  readonly restoredChanges: number;
  /** What start-up had to say (a torn last record that was cut). */
  readonly notes: readonly string[];
  /** Closes the journal and releases the lock. */
  close(): void;
}

/** Options of {@link openStateDir}; tests pass a failing file system or another pid. */
export interface StateDirOptions extends Partial<LockOptions> {
  readonly fs?: JournalFs;
}

/**
 * Opens `DIR` for `--state-dir`: creates it, takes its lock, and reads `DIR/journal` when there is
 * one. A torn last record is cut (and said so); a journal that cannot be read is refused, so a
 * mock never starts from part of its state.
 */
export function openStateDir(dir: string, options: StateDirOptions = {}): { ok: true; value: OpenStateDir } | { ok: false; message: string } {
  const fs = options.fs ?? nodeFs;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    return { ok: false, message: `--state-dir ${dir}: ${describeFsError(error)}` };
  }
  const locked = lockStateDir(dir, { ...options, fs });
  if (!locked.ok) return { ok: false, message: `--state-dir: ${locked.message}` };
  const path = join(dir, 'journal');
  const file = new JournalFile(fs, path);
  const fail = (message: string): { ok: false; message: string } => {
    file.close();
    locked.lock.release();
    return { ok: false, message };
  };
  let restored: CoreJournal['restored'] = null;
  const notes: string[] = [];
  if (fs.existsSync(path)) {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(path);
    } catch (error) {
      return fail(`${path} cannot be read: ${describeFsError(error)}`);
    }
    const read = readJournalFrames(bytes);
    if (!read.ok) return fail(`${path} cannot be read: ${read.message}. Move it away to start from the fixtures; nothing was changed.`);
    if (read.torn !== null) notes.push(`${path}: ${read.torn} (a write that a crash interrupted, never acknowledged)`);
    try {
      if (read.frames.length > 0) file.openExisting(read.goodLength);
    } catch (error) {
      return fail(`${path} cannot be opened for writing: ${describeFsError(error)}`);
    }
    restored = read.frames;
  }
  const restoredChanges = restored?.filter((frame) => frame.kind === 'change').length ?? 0;
  return {
    ok: true,
    value: {
      journal: { sink: file, restored },
      path,
      restoredChanges,
      notes,
      close: () => {
        file.close();
        locked.lock.release();
      },
    },
  };
}
