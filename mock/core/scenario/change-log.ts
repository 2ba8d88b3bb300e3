import type { RecordedChange } from './record-step.js';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** Bytes before a record's fields: the byte lengths of its header text and of its body, then its clock reading (float64). */
const PREFIX_BYTES = 16;
const NO_BYTES = new Uint8Array(0);

/** A string field as `<UTF-16 length>:<text>`, or `-` when it is absent. */
function field(value: string | undefined): string {
  return value === undefined ? '-' : `${value.length}:${value}`;
}

/** Reads the fields {@link field} wrote, one after another. */
class FieldReader {
  private at = 0;

  constructor(private readonly source: string) {}

  next(): string | undefined {
    if (this.source[this.at] === '-') {
      this.at += 1;
      return undefined;
    }
    const colon = this.source.indexOf(':', this.at);
    const length = Number(this.source.slice(this.at, colon));
    this.at = colon + 1 + length;
    return this.source.slice(colon + 1, this.at);
  }
}

/** The record lengths are little-endian unsigned 32-bit numbers. */
function lengths(chunk: Uint8Array): DataView {
  return new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * The accepted changes since the scenario was replayed, packed one after another into large byte
 * chunks. A busy mock keeps one per write for as long as it runs; as bytes outside the JS heap
 * they cost the garbage collector nothing, where objects and strings would be copied and marked
 * on every collection. Read back (rarely: on export) as {@link RecordedChange}s, in order.
 */
export class ChangeLog {
  private static readonly CHUNK_BYTES = 256 * 1024;
  private readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private lengthView = lengths(this.chunk);
  private used = 0;
  private count = 0;
  /** Where the last record starts in `chunk` (always there: a record never spans chunks); -1 when it cannot be dropped. */
  private lastStart = -1;

  /** Number of changes kept. */
  get size(): number {
    return this.count;
  }

  /**
   * Packs `change` after the others and returns its record's bytes: the record a journal frames
   * (one format for both). The view is valid until the next append.
   */
  append(change: RecordedChange): Uint8Array {
    let headers = '';
    let headerCount = 0;
    for (const name in change.headers) {
      headers += field(name) + field(change.headers[name]);
      headerCount += 1;
    }
    // The lengths are in UTF-16 units and survive the trip through UTF-8: the encoder turns a lone
    // surrogate, one unit, into U+FFFD, also one unit.
    const header = `${change.status};${headerCount};${field(change.method)}${field(change.url)}${field(change.token)}${field(change.contentType)}${headers}`;
    const body = change.body ?? NO_BYTES;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.makeRoom(PREFIX_BYTES + header.length * 3 + body.length);
    const chunk = this.chunk;
    const start = this.used;
    const { written } = utf8.encodeInto(header, chunk.subarray(start + PREFIX_BYTES));
    this.lengthView.setUint32(start, written, true);
    this.lengthView.setUint32(start + 4, body.length, true);
    this.lengthView.setFloat64(start + 8, change.at, true);
    chunk.set(body, start + PREFIX_BYTES + written);
    this.used = start + PREFIX_BYTES + written + body.length;
    this.count += 1;
    this.lastStart = start;
    return chunk.subarray(start, this.used);
  }

  /** Takes the last appended change back out (a journal could not store it). Once per append. */
  dropLast(): void {
    if (this.lastStart < 0) throw new Error('ChangeLog.dropLast: nothing to drop since the last append');
    this.used = this.lastStart;
    this.count -= 1;
    this.lastStart = -1;
  }

  /** The kept changes, oldest first. */
  *[Symbol.iterator](): Generator<RecordedChange> {
    for (const chunk of [...this.chunks, this.chunk.subarray(0, this.used)]) {
      let at = 0;
      while (at < chunk.length) {
        const [change, next] = decodeAt(chunk, at);
        yield change;
        at = next;
      }
    }
  }

  /** Bytes of buffers the log holds, kept or still being filled. */
  get heldBytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.buffer.byteLength, this.chunk.buffer.byteLength);
  }

  /**
   * Makes room for at least `most` bytes at `this.used`: a full chunk is closed and a new one begun.
   * A chunk closed while less than half full (a large body came next) is cut down to what it holds,
   * so small and large writes taking turns cannot keep a mostly empty chunk per small one.
   */
  private makeRoom(most: number): void {
    if (this.chunk.length - this.used >= most) return;
    if (this.used > 0) this.chunks.push(this.used * 2 < this.chunk.length ? this.chunk.slice(0, this.used) : this.chunk.subarray(0, this.used));
    this.chunk = new Uint8Array(Math.max(ChangeLog.CHUNK_BYTES, most));
    this.lengthView = lengths(this.chunk);
    this.used = 0;
  }
}

/** The change of the record at `at` in `chunk`, and where the next one starts. */
function decodeAt(chunk: Uint8Array, at: number): [RecordedChange, number] {
  const view = lengths(chunk);
  const headerBytes = view.getUint32(at, true);
  const bodyBytes = view.getUint32(at + 4, true);
  const atMs = view.getFloat64(at + 8, true);
  const start = at + PREFIX_BYTES;
  const end = start + headerBytes + bodyBytes;
  if (end > chunk.length) throw new RangeError(`change record at byte ${at} runs past its ${chunk.length} bytes`);
  return [decode(text.decode(chunk.subarray(start, start + headerBytes)), chunk.slice(start + headerBytes, end), atMs), end];
}

/**
 * The change one record holds: the bytes {@link ChangeLog.append} returned, as a journal read
 * them back. Throws a RangeError when the bytes are not exactly one record.
 */
export function decodeChangeRecord(record: Uint8Array): RecordedChange {
  if (record.length < PREFIX_BYTES) throw new RangeError(`a change record has at least ${PREFIX_BYTES} bytes, this one ${record.length}`);
  const [change, end] = decodeAt(record, 0);
  if (end !== record.length) throw new RangeError(`a change record of ${end} bytes holds ${record.length}`);
  return change;
}

function decode(header: string, body: Uint8Array, at: number): RecordedChange {
  const [status = '', headerCount = '', rest = ''] = splitTwice(header);
  const reader = new FieldReader(rest);
  const [method = '', url = '', token, contentType] = [reader.next(), reader.next(), reader.next(), reader.next()];
  let headers: Record<string, string> | undefined;
  for (let i = 0; i < Number(headerCount); i += 1) {
    const name = reader.next() ?? '';
    (headers ??= {})[name] = reader.next() ?? '';
  }
  return { method, url, status: Number(status), token, headers, contentType, body: body.length > 0 ? body : undefined, at };
}

/** `a;b;rest` → `[a, b, rest]`. */
function splitTwice(header: string): string[] {
  const first = header.indexOf(';');
  const second = header.indexOf(';', first + 1);
  return [header.slice(0, first), header.slice(first + 1, second), header.slice(second + 1)];
}
