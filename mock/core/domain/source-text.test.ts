import { describe, it, expect } from 'vitest';
import { readStringArray, splitLines, tomlStringValue, tomlTableLines } from './source-text.js';

describe('source-text', () => {
  it('splits every line-end style', () => {
    expect(splitLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('collects the lines of every occurrence of a table, without comments', () => {
    const text = 'top = 1\n[a]\nx = 1\n# c\n[b]\ny = 2\n[[a]]\nz = 3\n[ a ] # again\nw = 4\n';
    expect(tomlTableLines(text, 'a')).toEqual(['x = 1', 'w = 4']);
    expect(tomlTableLines(text, 'b')).toEqual(['y = 2']);
  });

  it('reads string values and string arrays', () => {
    expect(tomlStringValue('v = "1.2"', 'v')).toBe('1.2');
    expect(tomlStringValue("v='x'", 'v')).toBe('x');
    expect(tomlStringValue('v = 3', 'v')).toBeUndefined();
    expect(tomlStringValue('vv = "3"', 'v')).toBeUndefined();
    const text = 'x = [ "a]", # c\n "b\\"q",\n]';
    expect(readStringArray(text, text.indexOf('['))).toEqual(['a]', 'b"q']);
    expect(readStringArray('[]', 0)).toEqual([]);
    expect(readStringArray('[ "a" "b" ]', 0)).toEqual(['a', 'b']);
    expect(readStringArray('[ "a"', 0)).toBeNull();
    expect(readStringArray('[ true ]', 0)).toBeNull();
  });
});
