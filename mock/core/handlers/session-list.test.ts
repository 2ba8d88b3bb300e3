// SEMANTICS §10: list order, filters, paging that never repeats or skips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { createSession, expectStatus, fork } from '../../test-support/session-steps.js';

function allIds(api: ReturnType<typeof checkedCore>, query: string, limit: number, start: string | null = null): string[] {
  const ids: string[] = [];
  let cursor: string | null = start;
  do {
    const page = expectStatus(api, 200, 'GET', `/v1/sessions?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).json;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((s: { id: string }) => s.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('listing sessions', () => {
  it('lists newest first and pages without repeats or gaps', () => {
    const api = checkedCore();
    const created = Array.from({ length: 7 }, (_, i) => createSession(api, {}, { title: `s${i}` }).id as string);
    expect(allIds(api, '', 3)).toEqual([...created].reverse());
  });

  it('filters by every tag given, purpose, status, ownerId and parentSessionId', () => {
    const api = checkedCore();
    const a = createSession(api, {}, { tags: ['review', 'web'], purpose: 'review' });
    const b = createSession(api, {}, { tags: ['review'] });
    const c = fork(api, a.id, { tags: ['web'] });
    const d = createSession(api, {}, {}, 't-admin');
    expect(allIds(api, '&tag=review&tag=web', 10)).toEqual([a.id]);
    expect(allIds(api, '&tag=review', 10)).toEqual([b.id, a.id]);
    expect(allIds(api, '&purpose=review', 10)).toEqual([a.id]);
    expect(allIds(api, `&parentSessionId=${a.id}`, 10)).toEqual([c.id]);
    expect(allIds(api, '&ownerId=usr_admin', 10)).toEqual([]);
    expect(expectStatus(api, 200, 'GET', '/v1/sessions?ownerId=usr_admin', { token: 't-admin' }).json.items.map((s: { id: string }) => s.id)).toEqual([d.id]);
    expect(allIds(api, '&status=merged', 10)).toEqual([]);
  });

  it('filters by status with a real merged session', () => {
    const api = checkedCore();
    const parent = createSession(api, { 'a.txt': 'a' });
    const retired = fork(api, parent.id);
    const active = fork(api, parent.id);
    expectStatus(api, 200, 'PATCH', `/v1/sessions/${retired.id}/tags`, { json: { add: ['x'] } });
    expectStatus(api, 200, 'POST', `/v1/sessions/${parent.id}:merge`, { json: { sourceSessionId: retired.id, retireSource: true } });
    expect(allIds(api, '&status=merged', 10)).toEqual([retired.id]);
    expect(allIds(api, '&status=active', 10)).toEqual([active.id, parent.id]);
    expect(allIds(api, '&status=merged&tag=x', 10)).toEqual([retired.id]);
    expect(allIds(api, '', 10)).toEqual([active.id, retired.id, parent.id]);
  });

  it('keeps paging exact while others create and delete', () => {
    const api = checkedCore();
    const ids = Array.from({ length: 6 }, () => createSession(api).id as string);
    const first = expectStatus(api, 200, 'GET', '/v1/sessions?limit=2').json;
    expect(first.items.map((s: { id: string }) => s.id)).toEqual([ids[5], ids[4]]);
    createSession(api);
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${ids[3]}`);
    const rest = allIds(api, '', 2, first.nextCursor as string);
    expect(rest).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('rejects a forged cursor and an out-of-range limit with 400', () => {
    const api = checkedCore();
    expect(api.send('GET', '/v1/sessions?cursor=garbage').json.code).toBe('invalid-cursor');
    expect(api.send('GET', '/v1/sessions?limit=0').status).toBe(400);
    expect(api.send('GET', '/v1/sessions?limit=201').status).toBe(400);
  });
});

describe('list page bodies', () => {
  it('are byte for byte the JSON of the whole page, for empty, single, full and unicode pages', () => {
    const api = checkedCore();
    const check = (query: string): { items: unknown[]; nextCursor: string | null } => {
      const text = new TextDecoder().decode(expectStatus(api, 200, 'GET', `/v1/sessions${query}`).bytes);
      const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
      expect(text).toBe(JSON.stringify(page));
      return page;
    };
    expect(check('?limit=5')).toEqual({ items: [], nextCursor: null });
    createSession(api, {}, { title: 'naïve – 漢字 😀 "quoted"', tags: ['web'] });
    expect(check('?limit=5').items).toHaveLength(1);
    for (let i = 0; i < 4; i += 1) createSession(api, {}, { title: `s${i}` });
    const first = check('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    expect(check(`?limit=5&cursor=${encodeURIComponent(first.nextCursor ?? '')}`).items).toHaveLength(3);
  });
});

describe('tag filters', () => {
  const TAGS = ['review', 'web', 'rare'] as const;
  type Step = { kind: 'create'; tags: string[] } | { kind: 'fork'; of: number; tags: string[] } | { kind: 'retag'; of: number; add: string[]; remove: string[] } | { kind: 'delete'; of: number };
  const tagSet = fc.subarray([...TAGS]);
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), tags: tagSet }),
    fc.record({ kind: fc.constant('fork' as const), of: fc.nat(), tags: tagSet }),
    fc.record({ kind: fc.constant('retag' as const), of: fc.nat(), add: tagSet, remove: tagSet }).map((r) => ({ ...r, remove: r.remove.filter((t) => !r.add.includes(t)) })),
    fc.record({ kind: fc.constant('delete' as const), of: fc.nat() }),
  );

  it('page exactly as filtering the whole list would, through creates, forks, retags and deletes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), fc.subarray([...TAGS], { minLength: 1 }), fc.integer({ min: 1, max: 4 }), (steps, filter, limit) => {
        const api = checkedCore();
        const ids: string[] = [];
        for (const s of steps) {
          const target = ids.length === 0 ? undefined : ids[('of' in s ? s.of : 0) % ids.length];
          if (s.kind === 'create') ids.push(createSession(api, {}, { tags: s.tags }).id as string);
          else if (target === undefined) continue;
          else if (s.kind === 'fork') {
            const forked = api.send('POST', `/v1/sessions/${target}/fork`, { json: { tags: s.tags } });
            if (forked.status === 201) ids.push(forked.json.id as string);
          } else if (s.kind === 'retag') api.send('PATCH', `/v1/sessions/${target}/tags`, { json: { add: s.add, remove: s.remove } });
          else api.send('DELETE', `/v1/sessions/${target}`);
        }
        const all = expectStatus(api, 200, 'GET', '/v1/sessions?limit=200').json.items as { id: string; tags: string[] }[];
        const expected = all.filter((x) => filter.every((t) => x.tags.includes(t))).map((x) => x.id);
        expect(allIds(api, filter.map((t) => `&tag=${t}`).join(''), limit)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
