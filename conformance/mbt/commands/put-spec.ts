/** `putSpec(s0, 1)`: replace the environment spec (a content change when it differs). */
import type { EnvironmentSpec } from '../../model/environment-spec.js';
import { putEnvironmentSpec } from '../../model/ops-environment.js';
import { SPECS } from '../arbitraries.js';
import { judgeFields, judgeSessionEtag, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { headAfter } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the stored spec; the session's ETag follows its version. */
export const PUT_SPEC_BLAMES = blameTable({ status: 'content.environment-spec', 'fields of the spec': 'content.environment-spec', 'ETag': 'etag.version-moves', ...observationChecks('content.environment-spec') });

/** Puts one of the pool's specs. */
export class PutSpecCommand extends SessionCommand {
  readonly blames = PUT_SPEC_BLAMES;

  constructor(session: number, readonly spec: number) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const spec = structuredClone(SPECS[this.spec]) as unknown as EnvironmentSpec;
    const exchange = await ctx.owner.api.putEnvironmentSpec(id, spec);
    const report = exchange.response.status === 200 ? await headAfter(ctx, id) : {};
    const expected = putEnvironmentSpec(model.store, ctx.owner.principal, id, { spec }, report);
    judgeStatus(ctx.selection, exchange, expected, 'content.environment-spec');
    if (expected.ok) {
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...expected.value }, () => 'content.environment-spec');
      judgeSessionEtag(ctx.selection, exchange, model.store.sessions.get(id)?.version ?? 0);
    }
    await observeAll(model, real, [id], 'content.environment-spec');
  }

  toString(): string {
    return `putSpec(${sLabel(this.session)}, spec=${this.spec})`;
  }
}
