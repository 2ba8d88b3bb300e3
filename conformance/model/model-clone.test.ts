/** `ModelStore.clone`: a copy tried for one order of concurrent requests must not leak into the original. */
import { describe, expect, test } from 'vitest';
import { ModelStore } from './model-store.js';
import { putFile } from './ops-files.js';
import { createCheckpoint, fork } from './ops-lineage.js';
import { createSession } from './ops-sessions.js';
import { patchTags } from './ops-tags.js';

const ana = { principalId: 'usr_ana', tenantId: 'acme', admin: false };

function seeded(): { store: ModelStore; id: string } {
  const store = new ModelStore();
  const created = createSession(store, ana, { tags: ['t'], metadata: { nested: { n: 1 } }, files: [{ path: 'a', content: '1' }] }, { sessionId: 'ses_1', revision: 'rev_1' });
  if (!created.ok) throw new Error('setup failed');
  return { store, id: created.value.id };
}

describe('ModelStore.clone', () => {
  test('changes to the copy (content, tags, version, new sessions, checkpoints) leave the original as it was', () => {
    const { store, id } = seeded();
    const copy = store.clone();
    expect(putFile(copy, ana, id, { path: 'a', content: '2' }, { revision: 'rev_2' }).ok).toBe(true);
    expect(patchTags(copy, ana, id, { add: ['x'] }).ok).toBe(true);
    expect(fork(copy, ana, id, {}, { sessionId: 'ses_2' }).ok).toBe(true);
    expect(createCheckpoint(copy, ana, id, {}, { checkpointId: 'cp_1' }).ok).toBe(true);
    const original = store.sessions.get(id);
    expect(original?.head).toBe('rev_1');
    expect(original?.tags).toEqual(['t']);
    expect(original?.version).toBe(1);
    expect(store.graph.has('rev_2')).toBe(false);
    expect(store.sessions.has('ses_2')).toBe(false);
    expect(store.checkpoints.size).toBe(0);
    expect(copy.sessions.get(id)?.version).toBe(3);
  });

  test('the copy starts equal, and both can take the same server ids independently', () => {
    const { store, id } = seeded();
    const copy = store.clone();
    expect(copy.sessions.get(id)).toEqual(store.sessions.get(id));
    expect(copy.sessions.get(id)).not.toBe(store.sessions.get(id));
    // The same reported revision is new in each store: the copies do not share their graph's index.
    expect(putFile(store, ana, id, { path: 'a', content: '3' }, { revision: 'rev_3' }).ok).toBe(true);
    expect(putFile(copy, ana, id, { path: 'a', content: '3' }, { revision: 'rev_3' }).ok).toBe(true);
    // Sequence numbers and placeholders continue from the original's.
    const a = fork(store, ana, id, {}, {});
    const b = fork(copy, ana, id, {}, {});
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    expect(copy.sessions.get(id)?.metadata).toEqual({ nested: { n: 1 } });
  });
});
