// The journal file under disk faults: a failed append leaves the file at its last whole record,
// and while it cannot even be cut back, appends are refused until it can.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, readJournalFrames } from '../../core/journal/journal-frames.js';
import { faultyFs, type FsFaults } from '../../test-support/faulty-fs.js';
import { JournalFile } from './journal-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fresh(faults: FsFaults): JournalFile {
  const dir = mkdtempSync(join(tmpdir(), 'journal-file-'));
  dirs.push(dir);
  const file = new JournalFile(faultyFs(faults), join(dir, 'journal'));
  expect(file.replace([frame('base', '{}')])).toEqual({ ok: true });
  return file;
}

const frame = (kind: 'base' | 'change', text: string) => encodeFrame(kind, new TextEncoder().encode(text));
const kinds = (file: JournalFile) => {
  const read = readJournalFrames(readFileSync(file.path));
  if (!read.ok) throw new Error(read.message);
  expect(read.torn).toBeNull();
  return read.frames.map((f) => new TextDecoder().decode(f.payload));
};

describe('the journal file', () => {
  it('appends whole records, each synced', () => {
    const file = fresh({});
    expect(file.append(frame('change', 'one'))).toEqual({ ok: true });
    expect(file.append(frame('change', 'two'))).toEqual({ ok: true });
    expect(kinds(file)).toEqual(['{}', 'one', 'two']);
  });

  it('cuts a half-written record back off when the disk fills up, then appends after the last whole one', () => {
    const faults: FsFaults = {};
    const file = fresh(faults);
    file.append(frame('change', 'one'));
    const size = statSync(file.path).size;
    faults.write = 'ENOSPC';
    expect(file.append(frame('change', 'x'.repeat(1000)))).toEqual({ ok: false, message: expect.stringContaining('ENOSPC') as string });
    expect(statSync(file.path).size).toBe(size);
    delete faults.write;
    expect(file.append(frame('change', 'two'))).toEqual({ ok: true });
    expect(kinds(file)).toEqual(['{}', 'one', 'two']);
  });

  it('counts a failed fsync as a failed write and cuts the record', () => {
    const faults: FsFaults = {};
    const file = fresh(faults);
    faults.fdatasync = 'EIO';
    expect(file.append(frame('change', 'lost')).ok).toBe(false);
    delete faults.fdatasync;
    expect(kinds(file)).toEqual(['{}']);
  });

  it('refuses every append while it cannot cut the file back, and recovers when it can', () => {
    const faults: FsFaults = {};
    const file = fresh(faults);
    faults.write = 'ENOSPC';
    faults.ftruncate = 'EROFS';
    expect(file.append(frame('change', 'torn')).ok).toBe(false);
    delete faults.write;
    // Writing now would put a record after the torn half: refused.
    expect(file.append(frame('change', 'after')).ok).toBe(false);
    expect(file.append(frame('change', 'after'))).toMatchObject({ message: expect.stringMatching(/EROFS.*writes are refused until it can/) as string });
    delete faults.ftruncate;
    expect(file.append(frame('change', 'healed'))).toEqual({ ok: true });
    expect(kinds(file)).toEqual(['{}', 'healed']);
  });

  it('keeps the old journal when a replacement cannot be written', () => {
    const faults: FsFaults = {};
    const file = fresh(faults);
    file.append(frame('change', 'kept'));
    faults.rename = 'EROFS';
    expect(file.replace([frame('base', '{"new":true}')]).ok).toBe(false);
    delete faults.rename;
    expect(kinds(file)).toEqual(['{}', 'kept']);
    expect(file.append(frame('change', 'more')).ok).toBe(true);
    expect(kinds(file)).toEqual(['{}', 'kept', 'more']);
  });

  it('opens an existing journal and cuts its torn tail', () => {
    const file = fresh({});
    file.append(frame('change', 'whole'));
    file.close();
    const whole = readFileSync(file.path);
    writeFileSync(file.path, Buffer.concat([whole, Buffer.from(frame('change', 'torn')).subarray(0, 6)]));
    const read = readJournalFrames(readFileSync(file.path));
    expect(read.ok && read.torn).toMatch(/cut short/);
    const reopened = new JournalFile(faultyFs({}), file.path);
    reopened.openExisting(read.ok ? read.goodLength : 0);
    expect(reopened.append(frame('change', 'next')).ok).toBe(true);
    expect(kinds(reopened)).toEqual(['{}', 'whole', 'next']);
    reopened.close();
  });
});
