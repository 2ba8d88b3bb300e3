/** `stranger(s0, get)`: another tenant sees nothing: 404 everywhere, never listed. */
import { putFile } from '../../model/ops-files.js';
import { fork } from '../../model/ops-lineage.js';
import { getSession, visibleSessions } from '../../model/ops-sessions.js';
import type { Outcome } from '../../model/outcome.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import { type SuiteModel, type SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: another tenant sees nothing. */
export const STRANGER_BLAMES = blameTable({ 'status: 404': 'auth.tenant-isolation', 'list: none of the run\'s sessions': 'auth.tenant-isolation', ...observationChecks('auth.tenant-isolation') });

/** What the other tenant tries. */
export type StrangerOp = 'get' | 'write' | 'fork' | 'list';

/** Acts as a principal of another tenant against a session of the run. */
export class StrangerCommand extends SessionCommand {
  readonly blames = STRANGER_BLAMES;

  constructor(session: number, readonly op: StrangerOp) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return model.hasStranger && this.session < model.sessions.length;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    if (!ctx.stranger) return;
    const { api, principal } = ctx.stranger;
    const sel = ctx.selection;
    const id = this.sessionId(model);
    if (this.op === 'list') {
      const exchange = await api.listSessions({ tag: [model.runTag], limit: 200 });
      const items = (exchange.response.json as { items?: Array<{ id: string }> } | undefined)?.items ?? [];
      const want = visibleSessions(model.store, principal, { tags: [model.runTag] });
      sel.expect(exchange.response.status === 200 && items.length === want.length, 'auth.tenant-isolation', `another tenant listed ${items.length} of the run's sessions`, want.length, items.map((i) => i.id));
      return;
    }
    let expected: Outcome<unknown>;
    let exchange;
    if (this.op === 'get') {
      exchange = await api.getSession(id);
      expected = getSession(model.store, principal, id);
    } else if (this.op === 'write') {
      exchange = await api.putFile(id, 'c.txt', Buffer.from('stranger\n'));
      expected = putFile(model.store, principal, id, { path: 'c.txt', content: 'stranger\n' }, {});
    } else {
      exchange = await api.fork(id, { title: 'stranger fork' });
      expected = fork(model.store, principal, id, { title: 'stranger fork' }, {});
    }
    judgeStatus(sel, exchange, expected, 'auth.tenant-isolation');
    await observeAll(model, real, [id], 'auth.tenant-isolation');
  }

  toString(): string {
    return `stranger(${sLabel(this.session)}, ${this.op})`;
  }
}
