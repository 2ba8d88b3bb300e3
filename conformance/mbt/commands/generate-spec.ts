/** `generateSpec(s0, apply)`: derive the spec from root files, maybe store it. */
import { generateEnvironmentSpec } from '../../model/ops-environment.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the derived spec; the revision it reports moves only when applied and different. */
export const GENERATE_SPEC_BLAMES = blameTable({ status: 'content.environment-spec', 'field revision': 'content.revision-iff-change', 'fields spec, applied, sources': 'content.environment-spec', ...observationChecks('content.environment-spec') });

/** Derives (and with `apply` stores) the environment spec of a session of the run. */
export class GenerateSpecCommand extends SessionCommand {
  readonly blames = GENERATE_SPEC_BLAMES;

  constructor(session: number, readonly apply: boolean) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const body = this.apply ? { apply: true } : {};
    const exchange = await ctx.owner.api.generateEnvironmentSpec(id, body);
    const expected = generateEnvironmentSpec(model.store, ctx.owner.principal, id, body, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'content.environment-spec');
    if (expected.ok) {
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, (f) => (f === 'revision' ? 'content.revision-iff-change' : 'content.environment-spec'));
    }
    await observeAll(model, real, [id], 'content.environment-spec');
  }

  toString(): string {
    return `generateSpec(${sLabel(this.session)}${this.apply ? ', apply' : ''})`;
  }
}
