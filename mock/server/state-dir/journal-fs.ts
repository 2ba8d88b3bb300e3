import * as fs from 'node:fs';

/**
 * The file-system calls the journal makes, all synchronous (the core answers synchronously and must
 * not answer before a change is on disk). A seam: tests pass a wrapper that fails on cue (a full
 * disk, a read-only directory), which running as root could not produce for real.
 */
export type JournalFs = Pick<
  typeof fs,
  'mkdirSync' | 'openSync' | 'closeSync' | 'writeSync' | 'fsyncSync' | 'fdatasyncSync' | 'ftruncateSync' | 'readFileSync' | 'renameSync' | 'unlinkSync' | 'existsSync'
>;

/** The real file system. */
export const nodeFs: JournalFs = fs;

/** A file-system error as one line: its code and message (`ENOSPC: no space left on device, write`). */
export function describeFsError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
