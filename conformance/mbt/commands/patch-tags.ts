/** `tags(s0, +draft -ok)`: set semantics, sorted, no revision. */
import { patchTags } from '../../model/ops-tags.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeAll } from '../observe.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';

/** Adds and removes tags of the pool (never the run tag). */
export class TagsCommand extends SuiteCommand {
  constructor(readonly session: number, readonly add: readonly string[], readonly remove: readonly string[]) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = model.sessions[this.session] as string;
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
