import { nodeFs, type JournalFs } from '../server/state-dir/journal-fs.js';

/** Which call fails next, and how: a test's cue for {@link faultyFs}. */
export interface FsFaults {
  /** `write`: the next writes write half their bytes, then throw this code (a disk filling up mid-record). */
  write?: string;
  fdatasync?: string;
  ftruncate?: string;
  rename?: string;
  open?: string;
}

function fsError(code: string, call: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected failure, ${call}`);
  error.code = code;
  return error;
}

/**
 * The real file system with failures on cue: test support for the journal, which running as root
 * (where a read-only directory stays writable) could not reach otherwise.
 */
export function faultyFs(faults: FsFaults): JournalFs {
  return {
    ...nodeFs,
    openSync: ((path: string, flags?: string, mode?: number) => {
      if (faults.open !== undefined && flags !== undefined && flags !== 'r') throw fsError(faults.open, 'open');
      return nodeFs.openSync(path, flags ?? 'r', mode);
    }) as JournalFs['openSync'],
    writeSync: ((fd: number, buffer: Uint8Array | string, offset?: number, length?: number, position?: number) => {
      if (faults.write !== undefined && typeof buffer !== 'string') {
        const half = Math.floor((length ?? buffer.length) / 2);
        if (half > 0) nodeFs.writeSync(fd, buffer, offset ?? 0, half, position);
        throw fsError(faults.write, 'write');
      }
      return typeof buffer === 'string' ? nodeFs.writeSync(fd, buffer) : nodeFs.writeSync(fd, buffer, offset, length, position);
    }) as JournalFs['writeSync'],
    fdatasyncSync: (fd) => {
      if (faults.fdatasync !== undefined) throw fsError(faults.fdatasync, 'fdatasync');
      nodeFs.fdatasyncSync(fd);
    },
    ftruncateSync: (fd, length) => {
      if (faults.ftruncate !== undefined) throw fsError(faults.ftruncate, 'ftruncate');
      nodeFs.ftruncateSync(fd, length);
    },
    renameSync: (from, to) => {
      if (faults.rename !== undefined) throw fsError(faults.rename, 'rename');
      nodeFs.renameSync(from, to);
    },
  };
}
