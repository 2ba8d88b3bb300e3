import { crc32 } from './crc32.js';

/**
 * The journal's file format, version 1: a text line naming it, then frames one after another.
 * A frame is its payload's byte length (u32 LE), the CRC-32 of its kind byte and payload (u32 LE),
 * the kind byte, then the payload. The checksum tells a torn last write (a crash mid-append) and
 * a damaged file apart from a whole record.
 */
export const JOURNAL_VERSION = 1;
const MAGIC_PREFIX = 'session-mock journal ';
const MAGIC = new TextEncoder().encode(`${MAGIC_PREFIX}${JOURNAL_VERSION}\n`);
const FRAME_HEADER_BYTES = 9;

/** What a frame holds. */
export const FRAME_KIND = {
  /** The scenario the changes apply to (UTF-8 JSON, its steps with their `at`): always the first frame. */
  base: 1,
  /** One accepted change, as the change log packs it (`ChangeLog.append`'s bytes). */
  change: 2,
  /** The clock's setting (UTF-8 JSON `ClockSetting`); the last one counts. */
  clock: 3,
} as const;

export type FrameKind = keyof typeof FRAME_KIND;

const KIND_NAMES = new Map<number, FrameKind>(Object.entries(FRAME_KIND).map(([name, kind]) => [kind, name as FrameKind]));

/** The bytes a new journal starts with. */
export function journalHeader(): Uint8Array {
  return MAGIC.slice();
}

/** One frame holding `payload`. */
export function encodeFrame(kind: FrameKind, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  frame[8] = FRAME_KIND[kind];
  frame.set(payload, FRAME_HEADER_BYTES);
  const view = new DataView(frame.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(frame.subarray(8)), true);
  return frame;
}

/** One whole frame read back: its kind and a view of its payload. */
export interface Frame {
  readonly kind: FrameKind;
  readonly payload: Uint8Array;
}

/** A journal read back: its whole frames, and where the last one ends. */
export interface ReadJournal {
  readonly ok: true;
  readonly frames: readonly Frame[];
  /** Bytes of the journal up to the end of its last whole frame: a torn tail is cut here. */
  readonly goodLength: number;
  /** Set when bytes after the last whole frame were cut (a write that a crash tore). */
  readonly torn: string | null;
}

/** A journal that cannot be read: starting from it would mean a partial state. */
export interface UnreadableJournal {
  readonly ok: false;
  readonly message: string;
}

function readHeader(bytes: Uint8Array): UnreadableJournal | 'torn' | null {
  const line = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, MAGIC.length)));
  const expected = new TextDecoder().decode(MAGIC);
  if (line === expected) return null;
  // A crash while a new journal was written leaves at most a prefix of its first line.
  if (bytes.length < MAGIC.length && expected.startsWith(line)) return 'torn';
  const version = line.startsWith(MAGIC_PREFIX) ? line.slice(MAGIC_PREFIX.length).trim() : null;
  if (version !== null) return { ok: false, message: `it is journal format version ${version}; this session-mock reads version ${JOURNAL_VERSION}` };
  return { ok: false, message: 'it is not a session-mock journal (its first line is not "session-mock journal 1")' };
}

/**
 * Reads a journal's frames. A last frame that is incomplete or fails its checksum is a torn write:
 * the frames before it are the journal, and `torn` says what was cut. A frame that fails its
 * checksum with more after it, an unknown kind, or a first frame that is not the base mean a
 * damaged file: unreadable.
 */
export function readJournalFrames(bytes: Uint8Array): ReadJournal | UnreadableJournal {
  const header = readHeader(bytes);
  if (header === 'torn') return { ok: true, frames: [], goodLength: 0, torn: `its first line was cut short (${bytes.length} bytes); starting empty` };
  if (header !== null) return header;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: Frame[] = [];
  let at = MAGIC.length;
  while (at < bytes.length) {
    const tornHere = (why: string): ReadJournal => ({ ok: true, frames, goodLength: at, torn: `record ${frames.length + 1} at byte ${at} ${why}; cut ${bytes.length - at} bytes after the last whole record` });
    if (bytes.length - at < FRAME_HEADER_BYTES) return tornHere('is cut short');
    const length = view.getUint32(at, true);
    const end = at + FRAME_HEADER_BYTES + length;
    if (end > bytes.length) return tornHere('is cut short');
    const sum = view.getUint32(at + 4, true);
    if (crc32(bytes.subarray(at + 8, end)) !== sum) {
      if (end === bytes.length) return tornHere('fails its checksum');
      return { ok: false, message: `record ${frames.length + 1} at byte ${at} fails its checksum and more records follow it: the file is damaged` };
    }
    const kind = KIND_NAMES.get(bytes[at + 8] as number);
    if (kind === undefined) return { ok: false, message: `record ${frames.length + 1} at byte ${at} is of unknown kind ${bytes[at + 8]} (written by a newer session-mock?)` };
    if ((kind === 'base') !== (frames.length === 0)) return { ok: false, message: `record ${frames.length + 1} at byte ${at} is a ${kind} record; a journal has one base record, its first` };
    frames.push({ kind, payload: bytes.subarray(at + FRAME_HEADER_BYTES, end) });
    at = end;
  }
  return { ok: true, frames, goodLength: at, torn: null };
}
