const utf8 = new TextEncoder();

/** Where {@link ByteSlab.place} wrote a text: `length` bytes of `bytes`, from `at`. */
export interface SlabPlace {
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly length: number;
}

/**
 * Keeps many small byte arrays in a few large buffers, the way Node's Buffer pool does. Every
 * ArrayBuffer is an object the garbage collector tracks on its own; a mock that keeps a blob per
 * written file would otherwise hold one per file and pay for it on every collection. Views handed
 * out are never written again, so sharing a buffer is safe. One slab per store: no shared state.
 */
export class ByteSlab {
  /** Arrays up to this size share a slab; larger ones get a buffer of their own. */
  static readonly MAX_SHARED = 4 * 1024;
  private static readonly SLAB_BYTES = 64 * 1024;
  private slab = new Uint8Array(0);
  private used = 0;

  /** A copy of `bytes` that the caller may keep; the original may be reused by its owner. */
  readonly copy = (bytes: Uint8Array): Uint8Array => {
    if (bytes.length > ByteSlab.MAX_SHARED) return bytes.slice();
    const view = this.reserve(bytes.length);
    view.set(bytes);
    return view;
  };

  /**
   * Writes `text` as UTF-8 and says where, without making a view of it: a caller that keeps the
   * place in fields of its own holds no object per text. Long texts get a buffer of their own.
   */
  readonly place = (text: string): SlabPlace => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const most = text.length * 3;
    if (most > ByteSlab.MAX_SHARED) {
      const bytes = utf8.encode(text);
      return { bytes, at: 0, length: bytes.length };
    }
    if (this.slab.length - this.used < most) this.fresh();
    const at = this.used;
    const { written } = utf8.encodeInto(text, this.slab.subarray(at));
    this.used += written;
    return { bytes: this.slab, at, length: written };
  };

  private reserve(length: number): Uint8Array {
    if (this.slab.length - this.used < length) this.fresh();
    const view = this.slab.subarray(this.used, this.used + length);
    this.used += length;
    return view;
  }

  private fresh(): void {
    this.slab = new Uint8Array(ByteSlab.SLAB_BYTES);
    this.used = 0;
  }
}
