/** One message of a `text/event-stream` (WHATWG HTML §9.2): what a blank line dispatches. */
export interface SseMessage {
  /** The last `id:` field seen, this message's or an earlier one's (it carries over, as in the standard); undefined before any. */
  readonly id: string | undefined;
  /** The `event:` field; `message` when absent, as in the standard. */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
}

/**
 * An incremental `text/event-stream` parser: feed it decoded text in chunks of any size (a chunk
 * may end mid-line, even between `\r` and `\n`) and it returns the messages completed so far.
 * Comments (`: keep-alive`) and unknown fields are ignored, and a message without `data` is not
 * dispatched, as the standard says. `retry:` is ignored: the reader has its own backoff.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private pendingCr = false;

  /** Parses one more chunk of text; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    // A chunk that ended with `\r` may continue with the `\n` of the same line break.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = text.endsWith('\r');
    this.buffer += text;
    const out: SseMessage[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\u0000')) this.id = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    const message = this.data.length === 0 ? null : { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
    this.data = [];
    this.event = '';
    return message;
  }
}
