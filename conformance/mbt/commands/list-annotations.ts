/** `listNotes(s0, status=open, limit=1)`: page a session's annotations under filters. */
import { compareCodePoints } from '../../model/code-point-order.js';
import { blameTable } from '../blames.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { checkAnnotationList } from './edit-annotation.js';

/** Lists annotations filtered by status and/or the session's first file path. */
export class ListAnnotationsCommand extends SessionCommand {
  readonly blames = blameTable({
    'status, item fields, filtered items (missing, extra, order)': 'review.annotations-exact',
    'an item twice while paging': 'list.complete',
  });

  constructor(session: number, readonly status: 'open' | 'resolved' | null, readonly onFirstFile: boolean, readonly limit: number | null) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.surfaces.review;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const id = this.sessionId(model);
    const state = model.store.sessions.get(id);
    const path = this.onFirstFile && state ? [...model.store.graph.content(state.head).files.keys()].sort(compareCodePoints)[0] : undefined;
    const filter = { ...(this.status === null ? {} : { status: this.status }), ...(path === undefined ? {} : { path }) };
    await checkAnnotationList(model, real, id, filter, this.limit, this.toString());
  }

  toString(): string {
    const opts = [this.status === null ? null : `status=${this.status}`, this.onFirstFile ? 'path=first' : null, this.limit === null ? null : `limit=${this.limit}`].filter(Boolean);
    return `listNotes(${sLabel(this.session)}${opts.length > 0 ? `, ${opts.join(', ')}` : ''})`;
  }
}
