/**
 * Reading a `text/event-stream` body as the WHATWG HTML spec's event-stream interpretation does:
 * lines end in CRLF, LF or CR; a blank line dispatches the event; `:` starts a comment; a field's
 * value loses one leading space; `data` lines join with LF. Only complete events are returned, so
 * a stream read part of the way is still read exactly.
 */

/** One dispatched message: its `id:` (the last one seen, as EventSource keeps it), `event:` and data. */
export interface StreamMessage {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/** What a stream text holds: its complete messages and how many comment lines (keep-alives) came. */
export interface ParsedStream {
  readonly messages: StreamMessage[];
  readonly comments: number;
}

/** Parses the complete messages of `text`; a trailing partial message is left out. */
export function parseEventStream(text: string): ParsedStream {
  const messages: StreamMessage[] = [];
  let comments = 0;
  let lastId: string | null = null;
  let event = '';
  let data: string[] = [];
  let seenData = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  // The last element is after the final line end: not a complete line yet.
  lines.pop();
  for (const line of lines) {
    if (line === '') {
      if (seenData) messages.push({ id: lastId, event: event === '' ? 'message' : event, data: data.join('\n') });
      event = '';
      data = [];
      seenData = false;
      continue;
    }
    if (line.startsWith(':')) {
      comments += 1;
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data.push(value);
      seenData = true;
    } else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\u0000')) lastId = value;
  }
  return { messages, comments };
}
