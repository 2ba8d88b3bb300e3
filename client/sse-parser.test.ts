// text/event-stream framing as the standard gives it, fed in awkward chunks.
import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

function parseInChunks(text: string, size: number): ReturnType<SseParser['push']> {
  const parser = new SseParser();
  const out: ReturnType<SseParser['push']> = [];
  for (let at = 0; at < text.length; at += size) out.push(...parser.push(text.slice(at, at + size)));
  return out;
}

describe('SseParser', () => {
  const stream = ': keep-alive\n\nid: evt_1\nevent: file.written\ndata: {"a":1}\n\r\nid: evt_2\r\ndata: line one\r\ndata:line two\r\n\r\nevent: no-data\n\ndata: third\n\n';

  it('dispatches on blank lines, joins data lines, skips comments and data-less blocks, carries the id over', () => {
    const expected = [
      { id: 'evt_1', event: 'file.written', data: '{"a":1}' },
      { id: 'evt_2', event: 'message', data: 'line one\nline two' },
      { id: 'evt_2', event: 'message', data: 'third' },
    ];
    expect(parseInChunks(stream, stream.length)).toEqual(expected);
    // The same at every chunk size, including splits between \r and \n.
    for (const size of [1, 2, 3, 7]) expect(parseInChunks(stream, size)).toEqual(expected);
  });

  it('keeps an unfinished message until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('id: evt_9\ndata: {"x":')).toEqual([]);
    expect(parser.push('1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: 'evt_9', event: 'message', data: '{"x":1}' }]);
  });
});
