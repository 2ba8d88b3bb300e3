/** `invalid(s0, bad-path)`: malformed requests get their documented 400 and change nothing. */
import { fail } from '../../model/outcome.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the 400 and that nothing changed; a 400 without `errors[]` is a problem+json fault. */
export const INVALID_BLAMES = blameTable({ status: 'contract.rejects-invalid', 'errors[] present': 'contract.problem-json', ...observationChecks('contract.rejects-invalid') });

/** The kinds of invalid request the suite sends. */
export const INVALID_KINDS = ['bad-path', 'bad-tag', 'unknown-field', 'bad-limit', 'both-read-selectors'] as const;

/** One kind of invalid request. */
export type InvalidKind = (typeof INVALID_KINDS)[number];

/** Sends one invalid request about a session of the run. */
export class InvalidRequestCommand extends SessionCommand {
  readonly blames = INVALID_BLAMES;

  constructor(session: number, readonly kind: InvalidKind) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const api = ctx.owner.api;
    const id = this.sessionId(model);
    const head = model.store.sessions.get(id)?.head ?? 'x';
    const exchange =
      this.kind === 'bad-path' ? await api.putFile(id, 'a/../b', Buffer.from('x'))
      : this.kind === 'bad-tag' ? await api.patchTags(id, { add: ['Not A Tag'] })
      : this.kind === 'unknown-field' ? await api.fork(id, { title: 'x', colour: 'red' })
      : this.kind === 'bad-limit' ? await api.listFiles(id, { limit: 0 })
      : await api.getFile(id, 'a', { revision: head, checkpointId: 'chk_none' });
    judgeStatus(ctx.selection, exchange, fail(this.kind === 'bad-path' ? 'invalid-path' : 'validation-failed'), 'contract.rejects-invalid');
    const errors = (exchange.response.json as { errors?: unknown } | undefined)?.errors;
    ctx.selection.expect(Array.isArray(errors) && errors.length > 0, 'contract.problem-json', `${this.toString()}: a 400 without errors[]`);
    await observeAll(model, real, [id], 'contract.rejects-invalid');
  }

  toString(): string {
    return `invalid(${sLabel(this.session)}, ${this.kind})`;
  }
}
