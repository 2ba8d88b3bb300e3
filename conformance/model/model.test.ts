/** Unit tests of the reference model: the rules it encodes, checked on hand-made cases. */
import { describe, expect, test } from 'vitest';
import { toFileBytes } from './bytes.js';
import { summaryText, suggestedMessage } from './commit-summary.js';
import { makeContent, type Content } from './content.js';
import { generateSpec } from './generate-spec.js';
import { planMerge } from './merge-plan.js';
import { ModelStore } from './model-store.js';
import { commit, generateCommitSummary } from './ops-commits.js';
import { putFile } from './ops-files.js';
import { createCheckpoint, fork, restore } from './ops-lineage.js';
import { merge } from './ops-merge.js';
import { createSession } from './ops-sessions.js';
import { patchTags } from './ops-tags.js';
import { RevisionGraph } from './revision-graph.js';

const ana = { principalId: 'usr_ana', tenantId: 'acme', admin: false };
const files = (entries: Record<string, string>): Content => makeContent(new Map(Object.entries(entries).map(([p, c]) => [p, toFileBytes(c)])), null);

describe('merge plan (contract README §3 step 4–5)', () => {
  test('clean three-way merge takes each side\'s change', () => {
    const plan = planMerge(files({ x: '1', y: '1' }), files({ x: '2', y: '1' }), files({ x: '1', y: '3' }), 'fail');
    expect(plan.ok && Object.fromEntries(plan.result.files)).toEqual({ x: toFileBytes('2'), y: toFileBytes('3') });
  });
  test('both changed: fail lists the conflict, ours/theirs resolve it', () => {
    const args = [files({ x: '1' }), files({ x: '2' }), files({ x: '3' })] as const;
    expect(planMerge(...args, 'fail')).toEqual({ ok: false, conflicts: [{ path: 'x', reason: 'both-changed' }] });
    const theirs = planMerge(...args, 'theirs');
    expect(theirs.ok && theirs.resolved).toEqual(['x']);
    expect(theirs.ok && theirs.result.files.get('x')).toBe(toFileBytes('3'));
  });
  test('the README collision example: target adds a, source adds a/b', () => {
    const args = [files({}), files({ a: 'A' }), files({ 'a/b': 'B' })] as const;
    expect(planMerge(...args, 'fail')).toEqual({ ok: false, conflicts: [{ path: 'a/b', reason: 'path-collision' }] });
    const ours = planMerge(...args, 'ours');
    expect(ours.ok && [...ours.result.files.keys()]).toEqual(['a']);
    expect(ours.ok && ours.resolved).toEqual(['a/b']);
    const theirs = planMerge(...args, 'theirs');
    expect(theirs.ok && [...theirs.result.files.keys()]).toEqual(['a/b']);
    expect(theirs.ok && theirs.resolved).toEqual(['a']);
  });
  test('deleted on one side, unchanged on the other: the deletion wins', () => {
    const plan = planMerge(files({ x: '1' }), files({}), files({ x: '1' }), 'fail');
    expect(plan.ok && plan.result.files.size).toBe(0);
  });
});

describe('revision graph', () => {
  test('criss-cross history has two lowest common ancestors', () => {
    const g = new RevisionGraph();
    const c = files({});
    g.add({ id: 'A', parents: [], content: c });
    g.add({ id: 'B', parents: ['A'], content: c });
    g.add({ id: 'C', parents: ['A'], content: c });
    g.add({ id: 'D', parents: ['B', 'C'], content: c });
    g.add({ id: 'E', parents: ['C', 'B'], content: c });
    expect(g.lowestCommonAncestors('D', 'E').sort()).toEqual(['B', 'C']);
    expect(g.lowestCommonAncestors('B', 'D')).toEqual(['B']);
  });
});

describe('operations', () => {
  test('fork shares the head; merge back fast-forwards; a re-merge is up to date', () => {
    const store = new ModelStore();
    const s = createSession(store, ana, { title: 't', files: [{ path: 'a', content: '1' }] }, { sessionId: 's0', revision: 'r0' });
    expect(s.ok).toBe(true);
    const f = fork(store, ana, 's0', {}, { sessionId: 's1' });
    expect(f.ok && f.value.revision).toBe('r0');
    expect(putFile(store, ana, 's1', { path: 'a', content: '2' }, { revision: 'r1' }).ok).toBe(true);
    const m = merge(store, ana, 's0', { kind: 'merge', sourceSessionId: 's1', retireSource: true }, {});
    expect(m.ok && m.value.fastForward).toBe(true);
    expect(m.ok && m.value.session.revision).toBe('r1');
    expect(store.sessions.get('s1')?.status).toBe('merged');
    const again = merge(store, ana, 's0', { kind: 'mergeFrom', sourceSessionId: 's1' }, {});
    expect(again.ok && again.value.applied).toEqual([]);
  });
  test('same bytes make no revision and no version bump; a stale If-Match is 412', () => {
    const store = new ModelStore();
    createSession(store, ana, { title: 't', files: [{ path: 'a', content: '1' }] }, { sessionId: 's0', revision: 'r0' });
    const same = putFile(store, ana, 's0', { path: 'a', content: '1' }, {});
    expect(same.ok && same.value.changed).toBe(false);
    expect(store.sessions.get('s0')?.version).toBe(1);
    expect(patchTags(store, ana, 's0', { add: ['x'], ifMatch: '"7"' })).toMatchObject({ ok: false, code: 'precondition-failed' });
  });
  test('restore makes a new revision with the checkpoint content; commit clears changes', () => {
    const store = new ModelStore();
    createSession(store, ana, { title: 't', files: [{ path: 'a', content: '1' }] }, { sessionId: 's0', revision: 'r0' });
    createCheckpoint(store, ana, 's0', {}, { checkpointId: 'c0' });
    putFile(store, ana, 's0', { path: 'a', content: '2' }, { revision: 'r1' });
    const r = restore(store, ana, 's0', { checkpointId: 'c0' }, { revision: 'r2' });
    expect(r.ok && r.value.revision).toBe('r2');
    expect(store.graph.get('r2').parents).toEqual(['r1']);
    const summary = generateCommitSummary(store, ana, 's0');
    expect(summary.ok && summary.value.summary).toBe('1 change: 1 added, 0 modified, 0 deleted. Paths: a.');
    expect(commit(store, ana, 's0', { message: 'm', expectedRevision: 'r1' }, {})).toMatchObject({ code: 'revision-mismatch' });
    const done = commit(store, ana, 's0', { message: 'm' }, { commitId: 'k0' });
    expect(done.ok).toBe(true);
    expect(store.sessions.get('s0')?.committedRevision).toBe('r2');
  });
});

describe('texts and derived specs', () => {
  test('commit summary words (contract README §4 table)', () => {
    const seven = 'abcdefg'.split('').map((path) => ({ path, change: 'added' as const }));
    expect(summaryText(seven)).toBe('7 changes: 7 added, 0 modified, 0 deleted. Paths: a, b, c, d, e, and 2 more.');
    expect(suggestedMessage([{ path: '.nvmrc', change: 'added' }, { path: '/environmentSpec', change: 'added' }])).toBe('Update 1 file and environment spec');
  });
  test('environment spec from .nvmrc, package.json and requirements.txt', () => {
    const spec = generateSpec(files({ '.nvmrc': 'v20.19.0\n', 'package.json': '{"packageManager":"pnpm@9.12.0+sha.1","dependencies":{"react":"18.2.0"}}', 'requirements.txt': 'Flask >= 2.0\n# x\n-r base.txt\n' }).files);
    expect(spec?.sources).toEqual(['.nvmrc', 'package.json', 'requirements.txt']);
    expect(spec?.spec.runtimes).toEqual([{ name: 'node', version: '20.19.0' }, { name: 'python', version: null }]);
    expect(spec?.spec.packageManagers).toEqual([{ name: 'pip', version: null }, { name: 'pnpm', version: '9.12.0' }]);
    expect(spec?.spec.packages).toEqual([{ ecosystem: 'npm', name: 'react', version: '18.2.0' }, { ecosystem: 'pypi', name: 'flask', version: '>=2.0' }]);
  });
});
