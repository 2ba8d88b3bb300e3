/** `listFiles(s0, prefix="a/", limit=2)`: page through a session's files, maybe under a prefix. */
import { listFiles } from '../../model/ops-files.js';
import { judgeStatus } from '../judge.js';
import { checkPagedList } from '../paged-list.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable } from '../blames.js';

/** Check → id: a file list is `list.complete`, each page and item. */
export const LIST_FILES_BLAMES = blameTable({ status: 'list.complete', 'paging: repeats, missing, extra, order': 'list.complete', 'an item\'s fields (size, sha256)': 'list.complete' });

/** Lists a session's files with a `prefix` filter (or none) and a page size (or the default, 50). */
export class ListFilesCommand extends SessionCommand {
  readonly blames = LIST_FILES_BLAMES;

  constructor(session: number, readonly prefix: string | null, readonly limit: number | null) {
    super(session);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const want = listFiles(model.store, ctx.owner.principal, id, this.prefix === null ? {} : { prefix: this.prefix });
    // Every page after the first names the first page's revision, so all pages list one state.
    let revision: string | undefined;
    const fetch = async (cursor: string | undefined) => {
      const exchange = await ctx.owner.api.listFiles(id, { ...(this.prefix === null ? {} : { prefix: this.prefix }), ...(this.limit === null ? {} : { limit: this.limit }), cursor, revision });
      if (revision === undefined) {
        judgeStatus(ctx.selection, exchange, want, 'list.complete');
        revision = (exchange.response.json as { revision?: string } | undefined)?.revision;
      }
      return exchange;
    };
    if (!want.ok) {
      await fetch(undefined);
      return;
    }
    await checkPagedList(real, this.toString(), fetch, { want: want.value.items, key: (item) => (item as { path: string }).path }, 'list.complete');
  }

  toString(): string {
    const prefix = this.prefix === null ? '' : `, prefix=${JSON.stringify(this.prefix)}`;
    return `listFiles(${sLabel(this.session)}${prefix}${this.limit === null ? '' : `, limit=${this.limit}`})`;
  }
}
