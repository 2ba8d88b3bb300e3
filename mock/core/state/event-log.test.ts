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

  test('positionAfter finds an event of this session only, by binary search over increasing ids', () => {
    const log = new EventLog(new IdFactory(), new MonotonicClock(() => 0));
    const ids = Array.from({ length: 40 }, (_, i) => log.append(session(i % 2 === 0 ? 'ses_a' : 'ses_b', 'rev_1'), 'checkpoint.created', 'usr_x').id);
    expect(log.positionAfter('ses_a', ids[0] as string)).toBe(1);
    expect(log.positionAfter('ses_a', ids[38] as string)).toBe(20);
    expect(log.positionAfter('ses_a', ids[1] as string)).toBe(-1);
    expect(log.positionAfter('ses_none', ids[0] as string)).toBe(-1);
    expect(log.positionAfter('ses_a', 'evt_zzzzzzzzz')).toBe(-1);
  });

  test('a feed sends its backlog, then live events, and ends after session.deleted, which frees the log', () => {
    const log = new EventLog(new IdFactory(), new MonotonicClock(() => 0));
    const s = session('ses_a', 'rev_1');
    log.append(s, 'session.created', 'usr_x');
    log.append(s, 'tags.changed', 'usr_x');
    const feed = log.feed('ses_a', 1);
    log.append(s, 'checkpoint.created', 'usr_x');
    const seen: string[] = [];
    let ended = 0;
    feed.follow((e) => seen.push(e.type), () => (ended += 1));
    log.append(s, 'file.written', 'usr_x');
    log.append(s, 'session.deleted', 'usr_x');
    expect(seen).toEqual(['tags.changed', 'checkpoint.created', 'file.written', 'session.deleted']);
    expect(ended).toBe(1);
    expect(log.subscriberCount()).toBe(0);
    expect(log.of('ses_a')).toEqual([]);
    // A feed taken before the delete and opened after it still sends up to session.deleted, then ends.
    const late: string[] = [];
    feed.follow((e) => late.push(e.type), () => late.push('end'));
    expect(late).toEqual(['tags.changed', 'checkpoint.created', 'file.written', 'session.deleted', 'end']);
  });

  test('close ends every subscription, and later ones at once', () => {
    const log = new EventLog(new IdFactory(), new MonotonicClock(() => 0));
    const ends: string[] = [];
    log.subscribe('ses_a', () => undefined, () => ends.push('a'));
    log.subscribe('ses_b', () => undefined, () => ends.push('b'));
    log.close();
    expect(ends.sort()).toEqual(['a', 'b']);
    expect(log.subscriberCount()).toBe(0);
    log.subscribe('ses_c', () => undefined, () => ends.push('c'));
    expect(ends).toContain('c');
    expect(log.subscriberCount()).toBe(0);
  });
});
