import type { RecordedChange } from '../scenario/record-step.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ClockSetting } from '../state/controllable-clock.js';
import { decodeChangeRecord } from '../scenario/change-log.js';
import { encodeFrame, type Frame } from './journal-frames.js';

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

/** A journal's meaning: the scenario its changes apply to, the changes, and the clock's last setting. */
export interface JournalContent {
  readonly base: Scenario;
  /** The change records, in order, each as `ChangeLog.append` packed it. */
  readonly changes: readonly Uint8Array[];
  readonly clock: ClockSetting | null;
}

/** The frames a journal starts with: the base scenario and the clock's setting. */
export function startFrames(base: Scenario, clock: ClockSetting): Uint8Array[] {
  return [encodeFrame('base', utf8.encode(JSON.stringify(base))), clockFrame(clock)];
}

export function clockFrame(clock: ClockSetting): Uint8Array {
  return encodeFrame('clock', utf8.encode(JSON.stringify(clock)));
}

function isClockSetting(value: unknown): value is ClockSetting {
  if (typeof value !== 'object' || value === null) return false;
  const { frozenAtMs, offsetMs } = value as Record<string, unknown>;
  return (frozenAtMs === null || Number.isFinite(frozenAtMs)) && Number.isFinite(offsetMs);
}

/**
 * What whole frames mean; a message when one does not hold what its kind says (each frame passed
 * its checksum, so this is a file written by something else, or a bug). `checkScenario` checks the
 * base against the scenario schema as an import would.
 */
export function journalContent(frames: readonly Frame[], checkScenario: (value: unknown) => string | null): { ok: true; content: JournalContent } | { ok: false; message: string } {
  let base: Scenario | undefined;
  let clock: ClockSetting | null = null;
  const changes: Uint8Array[] = [];
  for (const [index, frame] of frames.entries()) {
    const where = `record ${index + 1} (${frame.kind})`;
    if (frame.kind === 'change') {
      changes.push(frame.payload);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text.decode(frame.payload));
    } catch (error) {
      return { ok: false, message: `${where} is not UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (frame.kind === 'clock') {
      if (!isClockSetting(value)) return { ok: false, message: `${where} is not a clock setting` };
      clock = value;
    } else {
      const problems = checkScenario(value);
      if (problems !== null) return { ok: false, message: `${where} is not a scenario: ${problems}` };
      base = value as Scenario;
    }
  }
  if (base === undefined) return { ok: false, message: 'it has no base record' };
  return { ok: true, content: { base, changes, clock } };
}

/** A change record read back; a message when its bytes are not one. */
export function changeOf(record: Uint8Array, index: number): RecordedChange | string {
  try {
    return decodeChangeRecord(record);
  } catch (error) {
    return `change ${index + 1} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
