import { describe, expect, test } from 'vitest';
import { EventLog } from './event-log.js';
import { IdFactory, MonotonicClock } from './ids.js';
import type { SessionRecord } from './session-record.js';

const session = (id: string, head: string): SessionRecord => ({ id, head }) as SessionRecord;

describe('EventLog', () => {
  test('appends per session with ids increasing across sessions and the head after the change', () => {
    const log = new EventLog(new IdFactory(), new MonotonicClock(() => 1_000));
    const a = log.append(session('ses_a', 'rev_1'), 'session.created', 'usr_x', { files: 0 });
    const b = log.append(session('ses_b', 'rev_2'), 'forked', 'usr_x', { sourceSessionId: 'ses_a', checkpointId: null });
    const c = log.append(session('ses_a', 'rev_3'), 'file.written', 'usr_y', { path: 'a' });
    expect(log.of('ses_a').map((e) => e.id)).toEqual([a.id, c.id]);
    expect(log.of('ses_b')).toEqual([b]);
    expect(a.id < b.id && b.id < c.id).toBe(true);
    expect(c).toMatchObject({ sessionId: 'ses_a', revision: 'rev_3', actorId: 'usr_y', createdAt: '1970-01-01T00:00:01.000Z' });
    expect(log.of('ses_none')).toEqual([]);
  });

  test('subscribers of a session get its new events only, until they unsubscribe', () => {
    const log = new EventLog(new IdFactory(), new MonotonicClock(() => 0));
    const seen: string[] = [];
    const stop = log.subscribe('ses_a', (e) => seen.push(e.type));
    log.append(session('ses_b', 'rev_1'), 'session.created', 'usr_x');
    log.append(session('ses_a', 'rev_2'), 'tags.changed', 'usr_x');
    expect(log.subscriberCount()).toBe(1);
    stop();
    log.append(session('ses_a', 'rev_2'), 'checkpoint.created', 'usr_x');
    expect(seen).toEqual(['tags.changed']);
    expect(log.subscriberCount()).toBe(0);
  });
});
