/** `tags(s0, +draft -ok)`: set semantics, sorted, no revision. */
import { patchTags } from '../../model/ops-tags.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/** Check → id: tag patches are set operations; the answer is the session. */
export const TAGS_BLAMES = blameTable({ status: 'tags.set-semantics', ...sessionChecks('answer', 'tags.set-semantics'), ...observationChecks('tags.set-semantics') });

/** Adds and removes tags of the pool (never the run tag). */
export class TagsCommand extends SessionCommand {
  readonly blames = TAGS_BLAMES;

  constructor(session: number, readonly add: readonly string[], readonly remove: readonly string[]) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const body = { add: [...this.add], remove: [...this.remove] };
    const exchange = await ctx.owner.api.patchTags(id, body);
    const expected = patchTags(model.store, ctx.owner.principal, id, body);
    judgeStatus(ctx.selection, exchange, expected, 'tags.set-semantics');
    if (expected.ok) {
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, sessionFieldInvariant('tags.set-semantics'));
      judgeSessionEtag(ctx.selection, exchange, expected.value.version);
    }
    await observeAll(model, real, [id], 'tags.set-semantics');
  }

  toString(): string {
    return `tags(${sLabel(this.session)}, ${[...this.add.map((t) => `+${t}`), ...this.remove.map((t) => `-${t}`)].join(' ')})`;
  }
}
