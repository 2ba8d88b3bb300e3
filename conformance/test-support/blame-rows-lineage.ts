/**
 * Test-only: blame rows for checkpoints, restores, commits, merges, the composite steps, the
 * bulk steps and the race.
 */
import { BulkHistoryCommand } from '../mbt/commands/bulk-history.js';
import { CommitCommand } from '../mbt/commands/commit-session.js';
import { SummaryCommand } from '../mbt/commands/commit-summary.js';
import { CrissCrossCommand } from '../mbt/commands/criss-cross.js';
import { DeleteParentCommand } from '../mbt/commands/delete-parent.js';
import { DivergeCommand } from '../mbt/commands/diverge.js';
import { IdempotentReplayCommand } from '../mbt/commands/idempotent-replay.js';
import { ListHistoryCommand } from '../mbt/commands/list-history.js';
import { MergeCommand } from '../mbt/commands/merge-sessions.js';
import { RaceCommand } from '../mbt/commands/race.js';
import { ReadCheckpointCommand } from '../mbt/commands/read-checkpoint.js';
import { RestoreCommand } from '../mbt/commands/restore-checkpoint.js';
import type { SuiteModel } from '../mbt/suite-model.js';
import { armed, header, items, json, problem } from './armed-rules.js';
import { at, checkpoint, create, createAndFork, head, notFound, write, type BlameCase } from './blame-case.js';

const CHECKPOINTS = (m: SuiteModel): RegExp => at(m, 0, '/checkpoints');
const MERGE = (m: SuiteModel): RegExp => at(m, 0, ':merge');
/** s0 and its fork s1, each with its own edit: a merge of s1 into s0 makes a new revision. */
const diverged = (): BlameCase['setup'] => [...createAndFork(), write(1, 'a', '2\n'), write(0, 'c.txt', '2\n')];
/** A commit of s0 after an edit. */
const committed = (): BlameCase['setup'] => [create(), write(0, 'a', '2\n'), new CommitCommand(0, 'none')];

export const LINEAGE_ROWS: readonly BlameCase[] = [
  {
    name: 'checkpoint', setup: [create(), checkpoint(0)], step: checkpoint(0), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m) }, notFound) },
      { check: 'fields id, revision, label', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m) }, json((b) => { b.label = 'other'; })) },
      { check: { reused: 'checkpoint' }, rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m) }, json((b) => { b.id = m.checkpoints[0]; })) },
    ],
  },
  {
    name: 'readCheckpoint', setup: [create(), checkpoint(0), write(0, 'a', '2\n')], step: new ReadCheckpointCommand(0, 0), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'GET', path: at(m, 0, `/checkpoints/${m.checkpoints[0] ?? ''}`) }, problem(404, 'checkpoint-not-found')) },
      { check: 'fields id, revision, label', rule: (m) => armed({ method: 'GET', path: at(m, 0, `/checkpoints/${m.checkpoints[0] ?? ''}`) }, json((b) => { b.revision = head(m, 0); })) },
      { check: 'files at the checkpoint', rule: (m) => armed({ method: 'GET', path: at(m, 0, '/files') }, items((list) => { if (list[0]) list[0].size = 99; })) },
    ],
  },
  {
    name: 'restore', setup: [create(), checkpoint(0), write(0, 'a', '2\n')], step: new RestoreCommand(0, 'own'), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/restore') }, notFound) },
      { check: 'answer: version', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/restore') }, json((b) => { b.version = 1; })) },
      // The checkpoint's own revision as the restore's "new" one: the head moved back.
      { check: { reused: 'revision' }, rule: (m) => { const old = m.store.checkpoints.get(m.checkpoints[0] ?? '')?.revision; return armed({ method: 'POST', path: at(m, 0, '/restore') }, json((b) => { b.revision = old; })); } },
      { check: 'every checkpoint survives', rule: (m) => armed({ method: 'GET', path: CHECKPOINTS(m) }, items((list) => { list.splice(0); })) },
    ],
  },
  {
    name: 'commit', setup: committed(), step: new CommitCommand(0, 'none'), breaks: [
      // A second commit with nothing new is 409 nothing-to-commit; answering 404 breaks the commit rule.
      { check: 'status (nothing-to-commit, revision-mismatch)', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/commit') }, notFound) },
    ],
  },
  {
    name: 'commit with changes', setup: [...committed(), write(0, 'a', '3\n')], step: new CommitCommand(0, 'none'), breaks: [
      { check: 'field changes', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/commit') }, json((b) => { b.changes = []; })) },
      { check: 'fields id, revision, message, authorId', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/commit') }, json((b) => { b.message = 'other'; })) },
      { check: { reused: 'commit' }, rule: (m) => armed({ method: 'POST', path: at(m, 0, '/commit') }, json((b) => { b.id = [...m.store.commits.keys()][0]; })) },
      { check: 'observe own: committedRevision, hasUncommittedChanges', rule: (m) => armed({ method: 'GET', path: at(m, 0), nth: 'every' }, json((b) => { b.hasUncommittedChanges = true; })) },
    ],
  },
  {
    name: 'summary', setup: [create()], step: new SummaryCommand(0), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/generateCommitSummary') }, notFound) },
      { check: 'fields changes, stats, summary, suggestedMessage, revision', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/generateCommitSummary') }, json((b) => { b.summary = 'other'; })) },
    ],
  },
  {
    name: 'listCheckpoints', setup: [create(), checkpoint(0), checkpoint(0)], step: new ListHistoryCommand(0, 'checkpoints', 1), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'GET', path: CHECKPOINTS(m) }, notFound) },
      { check: 'paging: repeats, missing, extra, order', rule: (m) => armed({ method: 'GET', path: CHECKPOINTS(m), nth: 2 }, items((list) => { list.splice(0); })) },
      { check: "an item's fields", rule: (m) => armed({ method: 'GET', path: CHECKPOINTS(m) }, items((list) => { if (list[0]) list[0].label = 'other'; })) },
    ],
  },
  {
    name: 'listCommits', setup: committed(), step: new ListHistoryCommand(0, 'commits', null), breaks: [
      { check: "an item's fields", rule: (m) => armed({ method: 'GET', path: at(m, 0, '/commits') }, items((list) => { if (list[0]) list[0].message = 'other'; })) },
      { check: 'getCommit of the newest: status, fields', rule: (m) => armed({ method: 'GET', path: at(m, 0, `/commits/${[...m.store.commits.keys()][0] ?? ''}`) }, json((b) => { b.message = 'other'; })) },
    ],
  },
  {
    name: 'replayCheckpoint', setup: [create()], step: new IdempotentReplayCommand(0), breaks: [
      { check: 'status of the first request', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m) }, notFound) },
      { check: 'the retry replays the first answer', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m), nth: 2 }, json((b) => { b.label = 'other'; })) },
      { check: 'the key with another body is 422', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m), nth: 3 }, notFound) },
      { check: 'one checkpoint made', rule: (m) => armed({ method: 'GET', path: CHECKPOINTS(m) }, items((list) => { list.splice(0); })) },
    ],
  },
  { name: 'bulk checkpoints', setup: [create()], step: new BulkHistoryCommand(0, 'checkpoints', 51), breaks: [{ check: 'a checkpoint: status, fields', rule: (m) => armed({ method: 'POST', path: CHECKPOINTS(m), nth: 3 }, json((b) => { b.label = 'other'; })) }] },
  {
    name: 'merge', setup: diverged(), step: new MergeCommand('merge', 0, 1, undefined, false, false), breaks: [
      { check: 'status', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, notFound) },
      { check: 'fields applied, resolved', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, json((b) => { b.applied = []; })) },
      { check: 'field fastForward', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, json((b) => { b.fastForward = true; })) },
      { check: 'answer session: ETag', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, header('etag', '"1"')) },
      { check: { reused: 'revision' }, rule: (m) => { const old = head(m, 0); return armed({ method: 'POST', path: MERGE(m) }, json((b) => { (b.session as Record<string, unknown>).revision = old; })); } },
      { check: 'the repeat: status, fields, state', rule: (m) => armed({ method: 'POST', path: MERGE(m), nth: 2 }, notFound) },
    ],
  },
  {
    name: 'merge with a conflict', setup: [...createAndFork(), write(1, 'a', '2\n'), write(0, 'a', '3\n')], step: new MergeCommand('merge', 0, 1, undefined, false, false), breaks: [
      { check: 'status and conflicts when a conflict is expected', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, json((b) => { b.conflicts = []; })) },
    ],
  },
  { name: 'diverge', setup: createAndFork(), step: new DivergeCommand(0, 1, [{ op: 'write', path: 'c.txt', content: '2\n' }], [{ op: 'write', path: 'a', content: '2\n' }], { kind: 'merge', into: 'first', strategy: undefined }), breaks: [{ check: 'merge › fields applied, resolved', rule: (m) => armed({ method: 'POST', path: MERGE(m) }, json((b) => { b.applied = []; })) }] },
  { name: 'crissCross', setup: createAndFork(), step: new CrissCrossCommand(0, 1, [{ op: 'write', path: 'c.txt', content: '2\n' }], [{ op: 'write', path: 'a', content: '2\n' }], 'ours', undefined), breaks: [{ check: 'fork › status', rule: (m) => armed({ method: 'POST', path: at(m, 0, '/fork') }, notFound) }] },
  { name: 'deleteParent', setup: [create()], step: new DeleteParentCommand(0, [{ op: 'write', path: 'a', content: '2\n' }], [{ op: 'write', path: 'c.txt', content: '2\n' }], undefined), breaks: [{ check: 'delete › status', rule: () => armed({ method: 'DELETE', path: /^\/v1\/sessions\/[^/]+$/ }, notFound) }] },
  {
    name: 'race', setup: [create()], step: new RaceCommand([{ kind: 'write', session: 0, path: 'a', content: '2\n', ifMatch: false }, { kind: 'tags', session: 0, add: ['ok'], remove: [], ifMatch: false }]), breaks: [
      { check: 'no order explains the answers and the state', rule: (m) => armed({ method: 'PUT', path: at(m, 0, '/files/a') }, json((b) => { b.size = 9; })) },
    ],
  },
];
