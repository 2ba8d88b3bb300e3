/** `anonymous(s0, write)`: no token is 401 and changes nothing. */
import { judgeStatus } from '../judge.js';
import { fail } from '../../model/outcome.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: the 401, and (after a write) that nothing changed. */
export const ANONYMOUS_BLAMES = blameTable({ 'status: 401 unauthenticated': 'auth.unauthenticated', ...observationChecks('auth.unauthenticated') });

/** What the anonymous caller tries. */
export type AnonymousOp = 'get' | 'write' | 'list';

/** Sends a request without Authorization. */
export class AnonymousCommand extends SessionCommand {
  readonly blames = ANONYMOUS_BLAMES;

  constructor(session: number, readonly op: AnonymousOp) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return this.session < model.sessions.length;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const api = ctx.anonymous;
    const id = this.sessionId(model);
    const exchange = this.op === 'get' ? await api.getSession(id)
      : this.op === 'write' ? await api.putFile(id, 'c.txt', Buffer.from('anonymous\n'))
      : await api.listSessions({ tag: [model.runTag] });
    judgeStatus(ctx.selection, exchange, fail('unauthenticated'), 'auth.unauthenticated');
    if (this.op === 'write') await observeAll(model, real, [id], 'auth.unauthenticated');
  }

  toString(): string {
    return `anonymous(${sLabel(this.session)}, ${this.op})`;
  }
}
