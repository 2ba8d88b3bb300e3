import { journalHeader, readJournalFrames, type Frame } from './journal-frames.js';
import { STORED, type JournalSink, type StorageResult } from './journal-sink.js';

/**
 * A journal kept in memory: what an in-process adapter without a disk can use, and what tests
 * restart a core from. `failing` makes every later call fail (a full disk) until it is cleared.
 */
export class MemorySink implements JournalSink {
  private parts: Uint8Array[] = [];
  failing: string | null = null;

  append(frame: Uint8Array): StorageResult {
    if (this.failing !== null) return { ok: false, message: this.failing };
    this.parts.push(frame.slice());
    return STORED;
  }

  replace(frames: readonly Uint8Array[]): StorageResult {
    if (this.failing !== null) return { ok: false, message: this.failing };
    this.parts = [journalHeader(), ...frames.map((f) => f.slice())];
    return STORED;
  }

  /** The journal's bytes, as a file would hold them. */
  bytes(): Uint8Array {
    const bytes = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of this.parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }

  /** The whole frames, as a restart reads them. */
  frames(): readonly Frame[] {
    const read = readJournalFrames(this.bytes());
    if (!read.ok) throw new Error(read.message);
    return read.frames;
  }
}
