/**
 * A command's "check → id" table: each check a step makes, and the invariant a failure of that
 * check reports. Issue 11: a failure names the rule that broke, not the step's generic check. The
 * table is data beside each command (its `blames`), read by people and by
 * `mbt/command-blames.e2e.test.ts`, which breaks each check of each command on purpose and
 * asserts the id the command reports is the one its table names. The one part of a table the
 * suite reads at run time is {@link Blames.reusedIds}: {@link SuiteCommand.run} turns the model's
 * "this id already exists" into the invariant the command's table names for that kind of id.
 */
import type { InvariantId } from '../invariants/catalogue.js';
import type { IdKind } from '../model/outcome.js';
import { sessionFieldInvariant } from './judge.js';

/** Each check a command makes (in words) → the invariant its failure reports. */
export type CheckBlames = Readonly<Record<string, InvariantId>>;

/** A server-chosen id that already exists, by the kind of id → the invariant it breaks. */
export type ReusedIdBlames = Readonly<Record<IdKind, InvariantId>>;

/** A command's whole table. */
export interface Blames {
  readonly checks: CheckBlames;
  readonly reusedIds: ReusedIdBlames;
}

/**
 * Which rule a reused id breaks unless a command says otherwise: a revision that is not new where
 * content moved breaks `content.revision-iff-change` (writes, deletes, spec changes); a session,
 * checkpoint or commit id that already names something breaks `ids.fresh`.
 */
export const REUSED_IDS: ReusedIdBlames = { session: 'ids.fresh', revision: 'content.revision-iff-change', checkpoint: 'ids.fresh', commit: 'ids.fresh', annotation: 'ids.fresh', approval: 'ids.fresh' };

/** The contract checks of every exchange (`http/contract-check.ts`), whichever command sent it. */
export const EXCHANGE_CHECKS: CheckBlames = {
  'any answer: 5xx': 'contract.no-5xx',
  'any answer: status not documented for the operation': 'contract.status-documented',
  'any answer: content type not documented': 'contract.content-type',
  'any answer: body off its schema': 'contract.body-schema',
  'any answer: ETag, Location or WWW-Authenticate missing or malformed': 'contract.headers',
  'any error: not problem+json with a documented code of its status': 'contract.problem-json',
};

/**
 * The checks of a session's detail view against the model (a step's answer, or observation), where
 * `primary` is the step's rule; the field ids are `sessionFieldInvariant`'s, so this is not a copy
 * of its logic. `ETag` is the `"<version>"` header check.
 */
export function sessionChecks(where: string, primary: InvariantId): CheckBlames {
  const field = sessionFieldInvariant(primary);
  return {
    [`${where}: revision, title, other fields`]: primary,
    [`${where}: version`]: field('version'),
    [`${where}: ETag`]: 'etag.version-moves',
    [`${where}: tags`]: field('tags'),
    [`${where}: parentSessionId, baseRevision, forkedFromCheckpointId`]: field('parentSessionId'),
    [`${where}: committedRevision, hasUncommittedChanges`]: field('committedRevision'),
    [`${where}: status, mergedIntoSessionId`]: field('status'),
  };
}

/**
 * The checks of `observeAll` after a step whose own sessions are blamed with `own` and every other
 * session with `others` (`observeSession` alone makes the `observe own` ones).
 */
export function observationChecks(own: InvariantId, others: InvariantId = 'lineage.fork-isolation'): CheckBlames {
  return {
    ...sessionChecks('observe own', own),
    'observe own: GET not 200, file list': own,
    'observe own: environment spec': own === 'lineage.fork-isolation' ? own : 'content.environment-spec',
    'observe: file paging or order only, a session list page, a summary': 'list.complete',
    'observe: a deleted session answers 404': 'session.delete-final',
    ...sessionChecks('observe others', others),
    'observe others: GET not 200, file list': others,
    ...(others === 'lineage.fork-isolation' ? {} : { 'observe others: unrelated sessions': 'lineage.fork-isolation' as const }),
  };
}

/**
 * The event checks after every step (`observe-events.ts`, on a server that offers events): the
 * sessions the step changed must show exactly the events it caused, under fresh ids.
 */
export const EVENT_CHECKS: CheckBlames = {
  'events after the step: a session\'s new events differ from what it caused': 'events.one-per-change',
  'events after the step: an event id used before': 'events.order',
};

/** A table: the command's own checks plus the contract and event checks of every step; `reusedIds` over the defaults. */
export function blameTable(checks: CheckBlames, reusedIds: Partial<ReusedIdBlames> = {}): Blames {
  return { checks: { ...EXCHANGE_CHECKS, ...EVENT_CHECKS, ...checks }, reusedIds: { ...REUSED_IDS, ...reusedIds } };
}

/**
 * The table of a step made of other steps (`diverge`, `bulkFiles`…): each part's checks under the
 * part's name. Every part runs as a step of its own, so a reused id is named by the part's table.
 */
export function compositeTable(parts: Readonly<Record<string, Blames>>): Blames {
  const checks: Record<string, InvariantId> = {};
  for (const [part, table] of Object.entries(parts)) for (const [check, id] of Object.entries(table.checks)) if (!(check in EXCHANGE_CHECKS)) checks[`${part} › ${check}`] = id;
  return blameTable(checks);
}

/** Every invariant a table names (the ids a command may report). */
export function blamedIds(table: Blames): Set<InvariantId> {
  return new Set([...Object.values(table.checks), ...Object.values(table.reusedIds)]);
}
