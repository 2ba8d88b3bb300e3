import { describe, expect, test } from 'vitest';
import { negotiate } from './media-type.js';

const OFFERED = ['application/json', 'text/event-stream'];

describe('negotiate', () => {
  test.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['text/event-stream', 'text/event-stream'],
    ['text/*', 'text/event-stream'],
    // Both allowed with equal weight: the first offered wins, however specific the ranges are.
    ['text/event-stream, */*', 'application/json'],
    ['text/event-stream, application/json', 'application/json'],
    ['application/json;q=0.5, text/event-stream', 'text/event-stream'],
    ['text/event-stream;q=0.9, application/*;q=0.8', 'text/event-stream'],
    // The most specific range sets a type's weight: q=0 refuses it even beside */*.
    ['*/*, application/json;q=0', 'text/event-stream'],
    ['*/*;q=0.1, text/event-stream;q=0', 'application/json'],
    ['application/xml', null],
    ['text/html, application/xml;q=0.9', null],
    ['*/*;q=0', null],
    // An unreadable weight leaves its range out.
    ['text/event-stream;q=abc', null],
    ['TEXT/Event-Stream; Q=1', 'text/event-stream'],
  ])('Accept %j → %j', (accept, expected) => {
    expect(negotiate(accept, OFFERED)).toBe(expected);
  });
});
