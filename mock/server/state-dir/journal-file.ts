import { dirname } from 'node:path';
import { journalHeader } from '../../core/journal/journal-frames.js';
import { STORED, type JournalSink, type StorageResult } from '../../core/journal/journal-sink.js';
import { describeFsError, type JournalFs } from './journal-fs.js';

/**
 * The journal as a file: appends at the end of its last whole record and fsyncs before returning,
 * so a change is on disk before its response is sent. A failed append cuts the file back to that
 * length; while even that fails (the disk is gone), every append first tries again, and is
 * refused until it works: the file never holds a record the core rolled back.
 */
export class JournalFile implements JournalSink {
  private fd: number | null = null;
  /** The end of the last whole record: where the next append writes. */
  private length = 0;
  /** Why the file could not be cut back to `length`; set until a later call manages it. */
  private broken: string | null = null;

  constructor(
    private readonly fs: JournalFs,
    readonly path: string,
  ) {}

  /** Opens an existing journal whose whole records end at `goodLength`, cutting a torn tail after it. */
  openExisting(goodLength: number): void {
    this.fd = this.fs.openSync(this.path, 'r+');
    this.length = goodLength;
    this.fs.ftruncateSync(this.fd, goodLength);
    this.fs.fsyncSync(this.fd);
  }

  append(frame: Uint8Array): StorageResult {
    if (this.broken !== null || this.fd === null) {
      const healed = this.heal();
      if (!healed.ok) return healed;
    }
    const fd = this.fd as number;
    try {
      this.writeAll(fd, frame, this.length);
      // fdatasync: the data and the file's new length, not its times; what a restart needs.
      this.fs.fdatasyncSync(fd);
      this.length += frame.length;
      return STORED;
    } catch (error) {
      const why = describeFsError(error);
      this.heal();
      return { ok: false, message: why };
    }
  }

  replace(frames: readonly Uint8Array[]): StorageResult {
    const temporary = `${this.path}.tmp`;
    let length = 0;
    try {
      const fd = this.fs.openSync(temporary, 'w');
      try {
        for (const bytes of [journalHeader(), ...frames]) {
          this.writeAll(fd, bytes, length);
          length += bytes.length;
        }
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
      this.fs.renameSync(temporary, this.path);
    } catch (error) {
      try {
        this.fs.unlinkSync(temporary);
      } catch {
        // Nothing to remove, or the disk refuses that too; the next replace overwrites it.
      }
      return { ok: false, message: describeFsError(error) };
    }
    // The rename is done: the new journal is the journal from here on, whatever fails next.
    this.syncDirectory();
    this.closeFd();
    this.length = length;
    // Reopens the new file now; should that fail, the next append tries again (fd is null).
    this.heal();
    return STORED;
  }

  close(): void {
    this.closeFd();
  }

  /** Reopens the file if need be and cuts it back to the last whole record. */
  private heal(): StorageResult {
    try {
      this.fd ??= this.fs.openSync(this.path, 'r+');
      this.fs.ftruncateSync(this.fd, this.length);
      this.fs.fsyncSync(this.fd);
      this.broken = null;
      return STORED;
    } catch (error) {
      this.broken = describeFsError(error);
      return { ok: false, message: `${this.broken} (the journal cannot be brought back to its last whole record; writes are refused until it can)` };
    }
  }

  private writeAll(fd: number, bytes: Uint8Array, position: number): void {
    let done = 0;
    while (done < bytes.length) done += this.fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
  }

  /** Makes the rename durable. A failure here leaves the rename visible, only maybe not after a power cut. */
  private syncDirectory(): void {
    try {
      const fd = this.fs.openSync(dirname(this.path), 'r');
      try {
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
    } catch {
      // Some file systems cannot fsync a directory; the file itself was synced.
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      this.fs.closeSync(fd);
    } catch {
      // Closing an fd the kernel already dropped; nothing is left to release.
    }
  }
}
