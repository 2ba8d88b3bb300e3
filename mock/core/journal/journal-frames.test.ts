// The journal's file format: whole frames read back, a torn tail cut, a damaged file refused.
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { encodeFrame, journalHeader, readJournalFrames } from './journal-frames.js';

const utf8 = new TextEncoder();

function journal(...frames: Uint8Array[]): Uint8Array {
  const parts = [journalHeader(), ...frames];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Damages one byte. */
function flip(bytes: Uint8Array, at: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
}

const base = encodeFrame('base', utf8.encode('{"name":"x"}'));
const change = encodeFrame('change', utf8.encode('a change record'));
const clock = encodeFrame('clock', utf8.encode('{"frozenAtMs":null,"offsetMs":0}'));

describe('journal frames', () => {
  it('computes the standard CRC-32 (zlib, PNG)', () => {
    expect(crc32(utf8.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('reads back every frame, kind and payload', () => {
    const bytes = journal(base, change, clock);
    const read = readJournalFrames(bytes);
    expect(read.ok && read.torn).toBe(null);
    if (!read.ok) return;
    expect(read.frames.map((f) => f.kind)).toEqual(['base', 'change', 'clock']);
    expect(new TextDecoder().decode(read.frames[1]?.payload)).toBe('a change record');
    expect(read.goodLength).toBe(bytes.length);
  });

  it('cuts a last frame torn at any byte, keeping the whole ones before it', () => {
    const whole = journal(base, change);
    const withTorn = journal(base, change, clock);
    for (let cut = whole.length + 1; cut < withTorn.length; cut += 1) {
      const read = readJournalFrames(withTorn.subarray(0, cut));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.frames).toHaveLength(2);
      expect(read.goodLength).toBe(whole.length);
      expect(read.torn).toMatch(/record 3 at byte \d+ is cut short/);
    }
  });

  it('takes a last frame whose checksum fails as torn', () => {
    const bytes = journal(base, change);
    flip(bytes, bytes.length - 1);
    const read = readJournalFrames(bytes);
    expect(read.ok && read.frames.length).toBe(1);
    expect(read.ok && read.torn).toMatch(/record 2 .* fails its checksum/);
  });

  it('refuses a damaged frame with more after it: that is no torn write', () => {
    const bytes = journal(base, change, clock);
    flip(bytes, journalHeader().length + base.length + 12);
    const read = readJournalFrames(bytes);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/record 2 at byte \d+ fails its checksum and more records follow/) as string });
  });

  it('refuses another format, another version, an unknown kind and a journal without a base first', () => {
    expect(readJournalFrames(utf8.encode('{"name":"a scenario, not a journal"}'))).toMatchObject({ ok: false, message: expect.stringMatching(/not a session-mock journal/) as string });
    expect(readJournalFrames(utf8.encode('session-mock journal 2\n'))).toMatchObject({ ok: false, message: expect.stringMatching(/version 2; this session-mock reads version 1/) as string });
    const unknown = encodeFrame('clock', utf8.encode('{}'));
    unknown[8] = 9;
    new DataView(unknown.buffer).setUint32(4, crc32(unknown.subarray(8)), true);
    expect(readJournalFrames(journal(base, unknown))).toMatchObject({ ok: false, message: expect.stringMatching(/unknown kind 9/) as string });
    expect(readJournalFrames(journal(change))).toMatchObject({ ok: false, message: expect.stringMatching(/record 1 .* is a change record; a journal has one base record, its first/) as string });
    expect(readJournalFrames(journal(base, base))).toMatchObject({ ok: false, message: expect.stringMatching(/record 2/) as string });
  });

  it('starts empty from a first line that a crash cut short', () => {
    const read = readJournalFrames(journalHeader().subarray(0, 7));
    expect(read).toMatchObject({ ok: true, frames: [], goodLength: 0 });
    expect(read.ok && read.torn).toMatch(/first line was cut short/);
  });
});
