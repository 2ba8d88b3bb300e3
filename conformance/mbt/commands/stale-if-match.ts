/** `staleIfMatch(s0, tags)`: a change sent with an old ETag is 412 and changes nothing. */
import { commit } from '../../model/ops-commits.js';
import { deleteSession } from '../../model/ops-sessions.js';
import { patchTags } from '../../model/ops-tags.js';
import type { Outcome } from '../../model/outcome.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the 412 and that nothing changed. */
export const STALE_BLAMES = blameTable({ 'status: 412 precondition-failed': 'etag.stale-if-match', ...observationChecks('etag.stale-if-match') });

/** The change a stale If-Match is sent with. */
export type StaleOp = 'tags' | 'commit' | 'delete';

/** Sends a change with `If-Match` naming a version the session does not have. */
export class StaleIfMatchCommand extends SessionCommand {
  readonly blames = STALE_BLAMES;

  constructor(session: number, readonly op: StaleOp) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const version = model.store.sessions.get(id)?.version ?? 1;
    const ifMatch = `"${version > 1 ? version - 1 : version + 1}"`;
    const headers = { 'if-match': ifMatch };
    const api = ctx.owner.api;
    const actor = ctx.owner.principal;
    let expected: Outcome<unknown>;
    let exchange;
    if (this.op === 'tags') {
      exchange = await api.patchTags(id, { add: ['stale'] }, headers);
      expected = patchTags(model.store, actor, id, { add: ['stale'], ifMatch });
    } else if (this.op === 'commit') {
      exchange = await api.commit(id, { message: 'stale' }, headers);
      expected = commit(model.store, actor, id, { message: 'stale', ifMatch }, {});
    } else {
      exchange = await api.deleteSession(id, headers);
      expected = deleteSession(model.store, actor, id, { ifMatch });
    }
    judgeStatus(ctx.selection, exchange, expected, 'etag.stale-if-match');
    await observeAll(model, real, [id], 'etag.stale-if-match');
  }

  toString(): string {
    return `staleIfMatch(${sLabel(this.session)}, ${this.op})`;
  }
}
