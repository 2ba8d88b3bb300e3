import { describe, expect, test } from 'vitest';
import { parseEventStream } from './sse-parse.js';

describe('parseEventStream', () => {
  test('reads id, event and data; comments count; a partial message is left out', () => {
    const text = ': keep-alive\n\nid: evt_1\nevent: file.written\ndata: {"a":1}\n\nid: evt_2\r\nevent: forked\r\ndata:x\r\n\r\nid: evt_3\ndata: partial';
    expect(parseEventStream(text)).toEqual({ comments: 1, messages: [{ id: 'evt_1', event: 'file.written', data: '{"a":1}' }, { id: 'evt_2', event: 'forked', data: 'x' }] });
  });
  test('data lines join with LF, a message without data is not dispatched, the id carries over', () => {
    const text = 'id: e1\nevent: a\n\ndata: one\ndata: two\n\n';
    expect(parseEventStream(text).messages).toEqual([{ id: 'e1', event: 'message', data: 'one\ntwo' }]);
  });
});
