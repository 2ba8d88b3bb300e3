/**
 * Races worth running: requests that carry the same precondition (file `If-Match` or
 * `If-None-Match: *`, session `If-Match` on tag patches and spec PUTs), tag patches that each
 * read and change the same set, a write racing a fork, a checkpoint or a commit, a merge racing
 * a write to its source, a delete racing a fork, and two retries with one Idempotency-Key.
 * Sometimes a third or fourth request on the same session joins in.
 */
import fc from 'fast-check';
import { RaceCommand } from '../commands/race.js';
import { fileArb, strategyArb, tagArb } from '../arbitraries.js';
import type { SuiteCommand } from '../suite-command.js';
import type { RaceOp } from './race-op.js';

/** Mostly the run's first session or its fork, where every run has history to race on. */
const raceSession: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 4 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 });

const contents = fc.uniqueArray(fc.constantFrom('1\n', '2\n', '3\n', '4\n'), { minLength: 2, maxLength: 3 });

const plainWrite = (s: number): fc.Arbitrary<RaceOp> => fileArb.map((f) => ({ kind: 'write', session: s, path: f.path, content: f.content, ifMatch: false }));

const tagPatch = (s: number, ifMatch: boolean): fc.Arbitrary<RaceOp> =>
  fc.tuple(tagArb, fc.boolean()).map(([tag, add]) => ({ kind: 'tags', session: s, add: add ? [tag] : [], remove: add ? [] : [tag], ifMatch }));

/**
 * Stands for the race's own session in the templates; the session is drawn beside the template
 * (not chained before it) so that shrinking can move a race to `s0`.
 */
const SELF = -1;

/** The races, each a list of requests on the race's session, weighted: races on one precondition most. */
const templates: Array<fc.WeightedArbitrary<RaceOp[]>> = [
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('a', 'c.txt'), contents).map(([path, cs]) => cs.map((content): RaceOp => ({ kind: 'write', session: SELF, path, content, ifMatch: true }))) },
  { weight: 2, arbitrary: fc.array(tagPatch(SELF, true), { minLength: 2, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.uniqueArray(fc.tuple(tagArb, fc.boolean()), { minLength: 2, maxLength: 3, selector: ([tag]) => tag }).map((patches) => patches.map(([tag, add]): RaceOp => ({ kind: 'tags', session: SELF, add: add ? [tag] : [], remove: add ? [] : [tag], ifMatch: false }))) },
  { weight: 1, arbitrary: fc.constant<RaceOp[]>([{ kind: 'spec', session: SELF, spec: 0, ifMatch: true }, { kind: 'spec', session: SELF, spec: 1, ifMatch: true }]) },
  { weight: 2, arbitrary: plainWrite(SELF).map((w): RaceOp[] => [w, { kind: 'fork', session: SELF }]) },
  { weight: 1, arbitrary: plainWrite(SELF).map((w): RaceOp[] => [w, { kind: 'checkpoint', session: SELF, keyed: false }]) },
  { weight: 2, arbitrary: plainWrite(SELF).map((w): RaceOp[] => [{ kind: 'commit', session: SELF }, w]) },
  // `merge` needs the source to descend from the target: with a lower-labelled source it is `mergeFrom`.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom<[number, number]>([0, 1], [1, 0], [0, 2], [1, 2]), fc.constantFrom('merge' as const, 'mergeFrom' as const), strategyArb).chain(([[target, source], mode, strategy]) =>
      plainWrite(source).map((w): RaceOp[] => [{ kind: 'merge', session: target, mode: source < target ? 'mergeFrom' : mode, source, strategy }, w])),
  },
  { weight: 1, arbitrary: fc.constant<RaceOp[]>([{ kind: 'delete', session: SELF }, { kind: 'fork', session: SELF }]) },
  { weight: 2, arbitrary: fc.constant<RaceOp[]>([{ kind: 'checkpoint', session: SELF, keyed: true }, { kind: 'checkpoint', session: SELF, keyed: true }]) },
];

/** A third or fourth request that may join a race on its session. */
const joiner: fc.Arbitrary<RaceOp> = fc.oneof(plainWrite(SELF), tagPatch(SELF, false), fc.constant<RaceOp>({ kind: 'checkpoint', session: SELF, keyed: false }));

/** A race step. */
export const raceArb: fc.Arbitrary<SuiteCommand> = fc
  .tuple(raceSession, fc.oneof(...templates), fc.array(joiner, { maxLength: 2 }), fc.nat({ max: 2 }))
  .map(([session, ops, extra, keep]) => {
    // A spec PUT answers no revision (the race reads the head afterwards), so nothing else that
    // moves the head may join it.
    const all = ops.some((op) => op.kind === 'spec') ? ops : [...ops, ...extra.slice(0, Math.max(0, Math.min(keep, 4 - ops.length)))];
    return new RaceCommand(all.map((op) => (op.session === SELF ? { ...op, session } : op)));
  });
