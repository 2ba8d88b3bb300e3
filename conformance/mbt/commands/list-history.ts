/**
 * `listCheckpoints(s0, limit=1)`, `listCommits(s0)`: page through a session's checkpoints or
 * commits (newest first) and compare with the model: order, completeness, each item's fields;
 * then read the newest commit back with `getCommit`.
 */
import { getCommit, listCommits } from '../../model/ops-commits.js';
import { listCheckpoints } from '../../model/ops-lineage.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { checkPagedList } from '../paged-list.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import type { InvariantId } from '../../invariants/catalogue.js';
import { blameTable, type Blames } from '../blames.js';

/** Which history list a step reads. */
export type HistoryKind = 'checkpoints' | 'commits';

/** Check → id of a history list: the list is `list.complete`, an item's fields its kind's rule. */
export function historyBlames(kind: HistoryKind): Blames {
  const fields: InvariantId = kind === 'checkpoints' ? 'lineage.checkpoint-immutable' : 'commit.summary-exact';
  return blameTable({
    status: 'list.complete',
    'paging: repeats, missing, extra, order': 'list.complete',
    'createdAt never increases along the list': 'list.complete',
    "an item's fields": fields,
    ...(kind === 'commits' ? { 'getCommit of the newest: status, fields': 'commit.summary-exact' as const } : {}),
  });
}

/** Lists a session's checkpoints or commits with a page size (or the default, 50). */
export class ListHistoryCommand extends SessionCommand {
  constructor(session: number, readonly kind: HistoryKind, readonly limit: number | null) {
    super(session);
  }

  get blames(): Blames {
    return historyBlames(this.kind);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const sel = ctx.selection;
    const id = this.sessionId(model);
    const api = ctx.owner.api;
    const want = this.kind === 'checkpoints' ? listCheckpoints(model.store, ctx.owner.principal, id) : listCommits(model.store, ctx.owner.principal, id);
    const fieldInvariant = this.kind === 'checkpoints' ? 'lineage.checkpoint-immutable' : 'commit.summary-exact';
    let first = true;
    const fetch = async (cursor: string | undefined) => {
      const q = { ...(this.limit === null ? {} : { limit: this.limit }), cursor };
      const exchange = this.kind === 'checkpoints' ? await api.listCheckpoints(id, q) : await api.listCommits(id, q);
      if (first) judgeStatus(sel, exchange, want, 'list.complete');
      first = false;
      return exchange;
    };
    if (!want.ok) {
      await fetch(undefined);
      return;
    }
    const views: ReadonlyArray<{ readonly id: string }> = want.value;
    const items = await checkPagedList(real, this.toString(), fetch, { want: views, key: (item) => (item as { id: string }).id, ignore: ['createdAt'] }, fieldInvariant);
    const times = items.map((item) => String((item as { createdAt?: unknown }).createdAt));
    const late = times.findIndex((t, i) => i > 0 && t > (times[i - 1] as string));
    sel.expect(late < 0, 'list.complete', `${this.toString()}: item ${late} was created after the one before it (newest first)`, 'createdAt descending', times);
    const newest = views[0];
    if (this.kind === 'commits' && newest) {
      const got = await api.getCommit(id, newest.id);
      const expected = getCommit(model.store, ctx.owner.principal, id, newest.id);
      judgeStatus(sel, got, expected, 'commit.summary-exact');
      if (expected.ok) judgeFields(sel, `getCommit(${newest.id})`, got.response.json, { ...expected.value }, () => 'commit.summary-exact');
    }
  }

  toString(): string {
    const name = this.kind === 'checkpoints' ? 'listCheckpoints' : 'listCommits';
    return `${name}(${sLabel(this.session)}${this.limit === null ? '' : `, limit=${this.limit}`})`;
  }
}
