/** `list(limit=2)`: page through the run's sessions (filtered by the run tag). */
import { compareCodePoints } from '../../model/code-point-order.js';
import { canonicalJson } from '../../model/environment-spec.js';
import { visibleSessions } from '../../model/ops-sessions.js';
import { allPages } from '../observe.js';
import { SuiteCommand } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable } from '../blames.js';

interface Listed {
  id: string;
  createdAt: string;
  [field: string]: unknown;
}

/** Check → id: the list and its summaries; a wrong `version` is the ETag rule's. */
export const LIST_SESSIONS_BLAMES = blameTable({
  'a page not 200, repeats, missing, extra': 'list.complete',
  'a deleted session listed': 'session.delete-final',
  'summary field version': 'etag.version-moves',
  'summary fields but version': 'list.complete',
  'createdAt/id descending order': 'list.complete',
});

/** Lists the run's sessions page by page and compares with the model. */
export class ListSessionsCommand extends SuiteCommand {
  readonly blames = LIST_SESSIONS_BLAMES;

  constructor(readonly limit: number) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return model.sessions.length > 0;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const sel = ctx.selection;
    const pages = await allPages(real, (cursor) => ctx.owner.api.listSessions({ tag: [model.runTag], limit: this.limit, cursor }), (item) => (item as Listed).id, 'list.complete');
    sel.expect(pages !== null, 'list.complete', `${this.toString()}: a page was not 200`);
    const items = (pages?.items ?? []) as Listed[];
    const want = visibleSessions(model.store, ctx.owner.principal, { tags: [model.runTag] });
    const byId = new Map(items.map((item) => [item.id, item]));
    const missing = want.filter((w) => !byId.has(w.id)).map((w) => w.id);
    const extra = items.filter((i) => !want.some((w) => w.id === i.id)).map((i) => i.id);
    const deleted = extra.filter((id) => model.store.sessions.get(id)?.deleted === true);
    sel.expect(deleted.length === 0, 'session.delete-final', `${this.toString()}: deleted sessions still listed`, [], deleted);
    sel.expect(missing.length === 0 && extra.length === 0, 'list.complete', `${this.toString()}: listed ids differ`, want.map((w) => w.id), items.map((i) => i.id));
    for (const summary of want) {
      const got = byId.get(summary.id) ?? {};
      for (const [field, value] of Object.entries(summary)) {
        sel.expect(canonicalJson((got as Record<string, unknown>)[field] ?? null) === canonicalJson(value), field === 'version' ? 'etag.version-moves' : 'list.complete', `${this.toString()}: ${summary.id}.${field} differs`, value, (got as Record<string, unknown>)[field]);
      }
    }
    for (let i = 1; i < items.length; i += 1) {
      const [a, b] = [items[i - 1] as Listed, items[i] as Listed];
      const ordered = a.createdAt > b.createdAt || (a.createdAt === b.createdAt && compareCodePoints(a.id, b.id) > 0);
      sel.expect(ordered, 'list.complete', `${this.toString()}: ${a.id} and ${b.id} are not in createdAt/id descending order`);
    }
  }

  toString(): string {
    return `list(limit=${this.limit})`;
  }
}
