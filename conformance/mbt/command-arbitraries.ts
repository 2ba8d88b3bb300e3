/**
 * The weighted list of command generators handed to `fc.commands`. Creation and forks come often
 * enough to have several related sessions; divergent edits of related sessions followed by a
 * merge, plain writes and merges dominate, so histories diverge, collide, conflict and
 * criss-cross.
 */
import fc from 'fast-check';
import { CONTENTS, EXOTIC_PATHS, PREFIXES, checkpointPick, divergingEdits, fileArb, followUpArb, pairPick, pathArb, sessionPick, strategyArb, tagArb, widePathArb } from './arbitraries.js';
import { largeArb, oddContentArb, type FileContent } from './file-content.js';
import { BulkFilesCommand } from './commands/bulk-files.js';
import { BulkHistoryCommand } from './commands/bulk-history.js';
import { ListFilesCommand } from './commands/list-files.js';
import { ListHistoryCommand } from './commands/list-history.js';
import type { SuiteCommand } from './suite-command.js';
import { AnonymousCommand } from './commands/anonymous-probe.js';
import { CheckpointCommand } from './commands/create-checkpoint.js';
import { CommitCommand } from './commands/commit-session.js';
import { SummaryCommand } from './commands/commit-summary.js';
import { CreateSessionCommand } from './commands/create-session.js';
import { CrissCrossCommand } from './commands/criss-cross.js';
import { DeleteFileCommand } from './commands/delete-file.js';
import { DeleteParentCommand } from './commands/delete-parent.js';
import { DeleteSessionCommand } from './commands/delete-session.js';
import { DivergeCommand } from './commands/diverge.js';
import { ForkCommand } from './commands/fork-session.js';
import { GenerateSpecCommand } from './commands/generate-spec.js';
import { IdempotentReplayCommand } from './commands/idempotent-replay.js';
import { INVALID_KINDS, InvalidRequestCommand } from './commands/invalid-request.js';
import { ListSessionsCommand } from './commands/list-sessions.js';
import { MergeCommand } from './commands/merge-sessions.js';
import { PatchTagsCommandArb } from './commands/tags-arbitrary.js';
import { PutSpecCommand } from './commands/put-spec.js';
import { ReadAtRevisionCommand } from './commands/read-at-revision.js';
import { ReadCheckpointCommand } from './commands/read-checkpoint.js';
import { RestoreCommand } from './commands/restore-checkpoint.js';
import { StaleIfMatchCommand } from './commands/stale-if-match.js';
import { StrangerCommand } from './commands/stranger-probe.js';
import { ViewerCommand } from './commands/viewer-change.js';
import { WriteFileCommand } from './commands/write-file.js';
import { WriteBothCommand } from './commands/write-both.js';
import { raceArb } from './race/race-arbitrary.js';
import { AnnotateCommand } from './commands/annotate.js';
import { ApproveCommand } from './commands/approve.js';
import { CACHE_KEYS, CACHE_VALUES, CacheCommand, type CacheOp } from './commands/cache-step.js';
import { EditAnnotationCommand } from './commands/edit-annotation.js';
import { ListAnnotationsCommand } from './commands/list-annotations.js';

type Weighted = { arbitrary: fc.Arbitrary<SuiteCommand>; weight: number };

const w = (weight: number, arbitrary: fc.Arbitrary<SuiteCommand>): Weighted => ({ weight, arbitrary });

/** A checkpoint: `'own'` is the session's latest, a number any checkpoint of the run. */
const ownOrAny: fc.Arbitrary<number | 'own'> = fc.oneof({ arbitrary: fc.constant('own' as const), weight: 3 }, { arbitrary: checkpointPick, weight: 1 });

/** Contents beyond the pools: short text, empty, or bytes that are usually not UTF-8. */
const wideContentArb: fc.Arbitrary<FileContent> = fc.oneof({ arbitrary: fc.constantFrom(...CONTENTS.a), weight: 1 }, { arbitrary: oddContentArb, weight: 2 });

/** An exotic path (spaces, non-ASCII, `%+#`, deep, at the length limit) with a wide content. */
const exoticFileArb = fc.record({ path: fc.constantFrom(...EXOTIC_PATHS), content: wideContentArb });

/** `a` and `c.txt` from the pools: the paths divergent edits modify, delete and turn into directories. */
const aAndC = fc.tuple(fc.constantFrom(...CONTENTS.a), fc.constantFrom(...CONTENTS['c.txt'])).map(([a, c]) => [{ path: 'a', content: a }, { path: 'c.txt', content: c }]);

/**
 * A root session with up to three files of the pool and maybe a spec; most often with `a` and
 * `c.txt`, sometimes with those plus exotic files (odd paths, empty or binary contents).
 */
export const createArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.uniqueArray(fileArb, { maxLength: 3, selector: (f) => f.path }), weight: 1 },
      { arbitrary: aAndC, weight: 2 },
      { arbitrary: fc.tuple(aAndC, fc.uniqueArray(exoticFileArb, { minLength: 1, maxLength: 2, selector: (f) => f.path })).map(([pool, odd]) => [...pool, ...odd]), weight: 1 },
      // Two names that code point order and UTF-16 order sort differently, side by side.
      { arbitrary: aAndC.map((pool) => [...pool, { path: 'ｱ.txt', content: '1\n' }, { path: '🎉.txt', content: '2\n' }]), weight: 1 },
    ),
    fc.option(fc.nat({ max: 1 }), { freq: 4 }),
    // One in five is a `review` session, whose commits meet the approval gate; often the run's s0.
    fc.nat({ max: 4 }).map((n) => n === 0),
  )
  .map(([files, spec, review]) => new CreateSessionCommand(files, spec, review));

/** Annotations, approvals and the cache (contract README §13): steps only for the surfaces a server offers. */
const annotateArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(sessionPick, fc.constantFrom('session', 'on-file', 'on-file', 'past', 'missing-file', 'backwards-range' as const), fc.boolean())
  .map(([s, target, viewer]) => new AnnotateCommand(s, target, viewer));
const editAnnotationArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 }), fc.boolean(), fc.constantFrom('resolve', 'resolve', 'reopen', 'body', 'same', 'delete' as const), fc.option(sessionPick, { freq: 6 }))
  .map(([n, author, change, via]) => new EditAnnotationCommand(n, author, change, via));
const listAnnotationsArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(sessionPick, fc.constantFrom(null, 'open', 'resolved' as const), fc.boolean(), fc.option(fc.integer({ min: 1, max: 2 }), { freq: 2 }))
  .map(([s, status, onFile, limit]) => new ListAnnotationsCommand(s, status, onFile, limit));
const approveArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(sessionPick, fc.constantFrom('approved', 'approved', 'changes_requested' as const), fc.boolean(), fc.nat({ max: 4 }).map((n) => n === 0))
  .map(([s, decision, viewer, past]) => new ApproveCommand(s, decision, viewer, past));
const cacheOpArb: fc.Arbitrary<CacheOp> = fc.oneof(
  { arbitrary: fc.tuple(fc.nat({ max: CACHE_VALUES.length - 1 }), fc.constantFrom(null, null, 1, 3600), fc.nat({ max: 5 }).map((n) => n === 0)).map(([value, ttl, asViewer]): CacheOp => ({ kind: 'put', value, ttl, asViewer })), weight: 3 },
  { arbitrary: fc.constant<CacheOp>({ kind: 'get' }), weight: 2 },
  { arbitrary: fc.constant<CacheOp>({ kind: 'delete' }), weight: 1 },
  { arbitrary: fc.constantFrom('', 'lint.', 'test').map((prefix): CacheOp => ({ kind: 'list', prefix })), weight: 1 },
);
/** Mostly s0 and one key, so writes, reads, deletes and lists meet the same entry. */
const cacheArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: sessionPick, weight: 1 }), fc.oneof({ arbitrary: fc.constant(CACHE_KEYS[0]), weight: 3 }, { arbitrary: fc.constantFrom(...CACHE_KEYS), weight: 1 }), cacheOpArb)
  .map(([s, key, op]) => new CacheCommand(s, key, op));

/** Edits of a shared path in two related sessions, usually followed by a merge between them. */
const divergeArb: fc.Arbitrary<SuiteCommand> = pairPick.chain(([first, second]) =>
  fc.tuple(divergingEdits, followUpArb(first, second)).map(([[one, two], then]) => new DivergeCommand(first, second, one, two, then)),
);

/** A criss-cross history between two related sessions, then a merge across it. */
const crissCrossArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(pairPick, divergingEdits, fc.constantFrom('ours' as const, 'theirs' as const), strategyArb)
  .map(([[x, y], [one, two], cross, last]) => new CrissCrossCommand(x, y, one, two, cross, last));

/** A fork chain whose middle session is deleted before the grandchild merges into the root. */
const deleteParentArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(fc.nat({ max: 1 }), divergingEdits, strategyArb)
  .map(([root, [one, two], strategy]) => new DeleteParentCommand(root, one, two, strategy));

/** Every command generator with its weight. */
export function commandArbitraries(): Array<fc.Arbitrary<SuiteCommand>> {
  const weighted: Weighted[] = [
    w(2, createArb),
    w(6, fc.tuple(sessionPick, fileArb, fc.constantFrom('none', 'none', 'none', 'current', 'stale', 'create-only' as const)).map(([s, f, p]) => new WriteFileCommand(s, f.path, f.content, p))),
    // Diverging edits of related sessions, then a merge: the raw material of merge conflicts.
    w(10, divergeArb),
    w(2, crissCrossArb),
    w(1, deleteParentArb),
    // The same path written in two sessions (related or not).
    w(3, fc.tuple(sessionPick, fc.integer({ min: 1, max: 2 }), fileArb, fileArb).map(([s, d, f1, f2]) => new WriteBothCommand(s, s + d, f1.path, f1.content, CONTENTS[f1.path][CONTENTS[f1.path].indexOf(f1.content) === 0 ? 1 : 0] ?? f2.content))),
    w(3, fc.tuple(sessionPick, pathArb).map(([s, p]) => new DeleteFileCommand(s, p))),
    w(5, fc.tuple(sessionPick, fc.option(ownOrAny, { freq: 3 })).map(([s, c]) => new ForkCommand(s, c))),
    w(4, sessionPick.map((s) => new CheckpointCommand(s))),
    // Restores mostly go to the latest save point, often to the one before (past a later one).
    w(4, fc.tuple(sessionPick, fc.oneof({ arbitrary: ownOrAny, weight: 2 }, { arbitrary: fc.constant('previous' as const), weight: 1 })).map(([s, c]) => new RestoreCommand(s, c))),
    w(3, fc.tuple(sessionPick, checkpointPick).map(([s, c]) => new ReadCheckpointCommand(s, c))),
    w(4, PatchTagsCommandArb(fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 3 }, { arbitrary: sessionPick, weight: 1 }), tagArb)),
    w(2, sessionPick.map((s) => new SummaryCommand(s))),
    w(2, fc.tuple(sessionPick, fc.constantFrom('none', 'head', 'stale' as const)).map(([s, e]) => new CommitCommand(s, e))),
    // A fork is created after its parent, so `merge` mostly picks a later source (a descendant).
    w(6, fc.tuple(fc.constantFrom('merge', 'mergeFrom' as const), sessionPick, fc.oneof({ arbitrary: fc.integer({ min: 1, max: 2 }), weight: 4 }, { arbitrary: fc.integer({ min: -2, max: 3 }), weight: 1 }), strategyArb, fc.boolean(), fc.nat({ max: 4 }).map((n) => n === 0)).map(([k, t, d, st, retire, stale]) => new MergeCommand(k, t, Math.max(0, t + d), st, retire, stale))),
    // Deleting s0 or s1 deletes a parent; its forks must live on and still merge through it.
    w(2, fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 2 }, { arbitrary: sessionPick, weight: 1 }).map((s) => new DeleteSessionCommand(s))),
    w(1, fc.integer({ min: 1, max: 3 }).map((limit) => new ListSessionsCommand(limit))),
    w(1, fc.tuple(sessionPick, fc.nat({ max: 1 })).map(([s, i]) => new PutSpecCommand(s, i))),
    w(1, fc.tuple(sessionPick, fc.boolean()).map(([s, apply]) => new GenerateSpecCommand(s, apply))),
    w(2, fc.tuple(sessionPick, fc.oneof(pathArb, fc.nat({ max: 3 })), fc.nat({ max: 3 }), fc.option(sessionPick, { freq: 4 })).map(([s, p, back, from]) => new ReadAtRevisionCommand(s, p, back, from))),
    w(1, fc.tuple(sessionPick, fc.constantFrom('tags', 'commit', 'delete' as const)).map(([s, op]) => new StaleIfMatchCommand(s, op))),
    w(1, fc.tuple(sessionPick, fc.constantFrom('read', 'write', 'tags', 'delete' as const)).map(([s, op]) => new ViewerCommand(s, op))),
    w(2, fc.tuple(sessionPick, fc.constantFrom('get', 'get', 'write', 'fork', 'list' as const)).map(([s, op]) => new StrangerCommand(s, op))),
    w(1, fc.tuple(sessionPick, fc.constantFrom('get', 'write', 'list' as const)).map(([s, op]) => new AnonymousCommand(s, op))),
    w(1, sessionPick.map((s) => new IdempotentReplayCommand(s))),
    w(1, fc.tuple(sessionPick, fc.constantFrom(...INVALID_KINDS)).map(([s, k]) => new InvalidRequestCommand(s, k))),
    // Requests sent at once on the same sessions: the outcome must be linearizable.
    w(2, raceArb),
    // Wider inputs: exotic paths, empty and binary bodies, and (rarer) files of hundreds of KiB to MiB.
    w(3, fc.tuple(sessionPick, widePathArb, wideContentArb, fc.constantFrom('none', 'none', 'current', 'create-only' as const)).map(([s, p, c, pre]) => new WriteFileCommand(s, p, c, pre))),
    w(1, fc.tuple(sessionPick, widePathArb, largeArb).map(([s, p, c]) => new WriteFileCommand(s, p, c, 'none'))),
    // Lists: files under a prefix, checkpoints and commits (newest first), small pages and the default.
    w(1, fc.tuple(sessionPick, fc.option(fc.constantFrom(...PREFIXES), { freq: 4 }), fc.option(fc.integer({ min: 1, max: 3 }), { freq: 3 })).map(([s, prefix, limit]) => new ListFilesCommand(s, prefix, limit))),
    w(2, fc.tuple(sessionPick, fc.constantFrom('checkpoints', 'commits' as const), fc.option(fc.integer({ min: 1, max: 2 }), { freq: 3 })).map(([s, kind, limit]) => new ListHistoryCommand(s, kind, limit))),
    // Review, cache: on servers that offer them (the steps do not apply otherwise).
    w(3, annotateArb),
    w(3, editAnnotationArb),
    w(1, listAnnotationsArb),
    w(2, approveArb),
    w(4, cacheArb),
    // Bulk steps cross pages at the default page size (50); rare, they cost 50–120 requests each.
    w(1, fc.oneof(
      fc.tuple(sessionPick, fc.constantFrom('checkpoints', 'commits' as const), fc.integer({ min: 51, max: 56 })).map(([s, kind, n]): SuiteCommand => new BulkHistoryCommand(s, kind, n)),
      fc.integer({ min: 51, max: 130 }).map((n): SuiteCommand => new BulkFilesCommand(n)),
    )),
  ];
  // fc.commands picks uniformly among its arbitraries: repeat each one by its weight.
  return weighted.flatMap(({ arbitrary, weight }) => Array.from({ length: weight }, () => arbitrary));
}
