/**
 * `checkpoints(s0, ×51)` / `commits(s0, ×51)`: enough checkpoints or commits in one session to
 * cross pages at the default page size (50), then a `listCheckpoints` / `listCommits` of it at
 * that size. Each request is judged like its single step; the sessions are observed once, after
 * the last one (checkpoints change nothing visible, and the commits' writes are checked by their
 * answers), so the step stays affordable.
 */
import { createCheckpoint } from '../../model/ops-lineage.js';
import { commit } from '../../model/ops-commits.js';
import { putFile } from '../../model/ops-files.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { subStep } from './diverge.js';
import { historyBlames, ListHistoryCommand, type HistoryKind } from './list-history.js';
import { blameTable, compositeTable, observationChecks, type Blames } from '../blames.js';

/** The file the commits of a bulk step change, one line more each time. */
const LOG_PATH = 'history.log';

/** Check → id of a bulk step: each request as its single step judges it, then the list. */
export function bulkHistoryBlames(kind: HistoryKind): Blames {
  const own = kind === 'checkpoints'
    ? { 'a checkpoint: status, fields': 'lineage.checkpoint-immutable' as const, ...observationChecks('etag.version-moves') }
    : { 'a write: status': 'content.read-your-writes' as const, 'a commit: status, fields but changes': 'commit.clears-changes' as const, 'a commit: field changes': 'commit.summary-exact' as const, ...observationChecks('commit.clears-changes') };
  return blameTable({ ...own, ...compositeTable({ list: historyBlames(kind) }).checks });
}

/** Many checkpoints or commits in a row, then the list of them. */
export class BulkHistoryCommand extends SessionCommand {
  constructor(session: number, readonly kind: HistoryKind, readonly count: number) {
    super(session);
  }

  get blames(): Blames {
    return bulkHistoryBlames(this.kind);
  }

  /** One checkpoint; false when the model expected a refusal (the rest would be refused too). */
  private async checkpoint(model: SuiteModel, real: SuiteReal, id: string, n: number): Promise<boolean> {
    const { ctx } = real;
    const body = { label: `bulk ${n}` };
    const exchange = await ctx.owner.api.createCheckpoint(id, body);
    const expected = createCheckpoint(model.store, ctx.owner.principal, id, body, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'lineage.checkpoint-immutable');
    if (expected.ok) judgeFields(ctx.selection, `${this.toString()} #${n}`, exchange.response.json, { ...expected.value }, () => 'lineage.checkpoint-immutable');
    return expected.ok;
  }

  /** One write of the log file and a commit of it; false when either was (rightly) refused. */
  private async commit(model: SuiteModel, real: SuiteReal, id: string, n: number): Promise<boolean> {
    const { ctx } = real;
    const bytes = Buffer.from(Array.from({ length: n + 1 }, (_, i) => `commit ${i}\n`).join(''), 'utf8');
    const written = await ctx.owner.api.putFile(id, LOG_PATH, bytes);
    const wrote = putFile(model.store, ctx.owner.principal, id, { path: LOG_PATH, content: bytes }, reportOf(written));
    judgeStatus(ctx.selection, written, wrote, 'content.read-your-writes');
    if (!wrote.ok) return false;
    const body = { message: `bulk ${n}` };
    const exchange = await ctx.owner.api.commit(id, body);
    const expected = commit(model.store, ctx.owner.principal, id, body, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'commit.clears-changes');
    if (expected.ok) judgeFields(ctx.selection, `${this.toString()} #${n}`, exchange.response.json, { ...expected.value }, (f) => (f === 'changes' ? 'commit.summary-exact' : 'commit.clears-changes'));
    return expected.ok;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const id = this.sessionId(model);
    for (let n = 0; n < this.count; n += 1) {
      const ok = this.kind === 'checkpoints' ? await this.checkpoint(model, real, id, n) : await this.commit(model, real, id, n);
      if (!ok) break;
    }
    await observeAll(model, real, [id], this.kind === 'checkpoints' ? 'etag.version-moves' : 'commit.clears-changes');
    await subStep(model, real, new ListHistoryCommand(this.session, this.kind, null));
  }

  toString(): string {
    return `${this.kind}(${sLabel(this.session)}, ×${this.count})`;
  }
}
