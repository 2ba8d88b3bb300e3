/** `viewer(s0, write)`: a viewer may read but every change is 403 and changes nothing. */
import { putFile } from '../../model/ops-files.js';
import { getSession, deleteSession } from '../../model/ops-sessions.js';
import { patchTags } from '../../model/ops-tags.js';
import type { Outcome } from '../../model/outcome.js';
import { judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks } from '../blames.js';

/** Check → id: a viewer reads (200) and is refused every change (403). */
export const VIEWER_BLAMES = blameTable({ 'status: 200 read, 403 change': 'auth.viewer-read-only', ...observationChecks('auth.viewer-read-only') });

/** What the viewer tries. */
export type ViewerOp = 'read' | 'write' | 'tags' | 'delete';

/** Acts as the viewer the run's sessions grant. */
export class ViewerCommand extends SessionCommand {
  readonly blames = VIEWER_BLAMES;

  constructor(session: number, readonly op: ViewerOp) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return model.hasViewer && super.applies(model);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    if (!ctx.viewer) return;
    const { api, principal } = ctx.viewer;
    const id = this.sessionId(model);
    let expected: Outcome<unknown>;
    let exchange;
    if (this.op === 'read') {
      exchange = await api.getSession(id);
      expected = getSession(model.store, principal, id);
    } else if (this.op === 'write') {
      exchange = await api.putFile(id, 'c.txt', Buffer.from('viewer\n'));
      expected = putFile(model.store, principal, id, { path: 'c.txt', content: 'viewer\n' }, {});
    } else if (this.op === 'tags') {
      exchange = await api.patchTags(id, { add: ['viewer'] });
      expected = patchTags(model.store, principal, id, { add: ['viewer'] });
    } else {
      exchange = await api.deleteSession(id);
      expected = deleteSession(model.store, principal, id, {});
    }
    judgeStatus(ctx.selection, exchange, expected, 'auth.viewer-read-only');
    await observeAll(model, real, [id], 'auth.viewer-read-only');
  }

  toString(): string {
    return `viewer(${sLabel(this.session)}, ${this.op})`;
  }
}
