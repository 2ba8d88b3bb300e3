/** `write(s0, a="1\n", stale)`, `write(s0, a=bytes(2: c3 28))`: PUT a file, with or without a precondition. */
import { sha256Hex, toFileBytes } from '../../model/bytes.js';
import { contentBytes, contentLabel, type FileContent } from '../file-content.js';
import { putFile } from '../../model/ops-files.js';
import type { InvariantId } from '../../invariants/catalogue.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { observeAll } from '../observe.js';
import { reportOf } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, type Blames } from '../blames.js';

/** Which precondition the write sends. */
export type WritePrecondition = 'none' | 'current' | 'stale' | 'create-only';

/** Check → id of a write with `precondition`: with a stale or create-only one, refusing is `etag.stale-if-match`. */
export function writeBlames(precondition: WritePrecondition): Blames {
  const primary = writePrimary(precondition);
  return blameTable({
    status: primary,
    'status 412 when a precondition fails': 'etag.stale-if-match',
    'fields revision, changed': 'content.revision-iff-change',
    'fields path, size, sha256': 'content.read-your-writes',
    'file ETag': 'content.read-your-writes',
    ...observationChecks(primary),
  });
}

/** The rule a write's status and its session's state break: a refused precondition's, or read-your-writes. */
function writePrimary(precondition: WritePrecondition): InvariantId {
  return precondition === 'stale' || precondition === 'create-only' ? 'etag.stale-if-match' : 'content.read-your-writes';
}

/** The table of a plain write (no precondition), as composite steps make it. */
export const WRITE_BLAMES = writeBlames('none');

/** Writes a file into a session of the run; the empty string is sent as a PUT with no body at all. */
export class WriteFileCommand extends SessionCommand {
  constructor(session: number, readonly path: string, readonly content: FileContent, readonly precondition: WritePrecondition) {
    super(session);
  }

  get blames(): Blames {
    return writeBlames(this.precondition);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const current = model.store.graph.content((model.store.sessions.get(id))!.head).files.get(this.path);
    const headers: Record<string, string> = {};
    if (this.precondition === 'current') headers['if-match'] = current === undefined ? '*' : `"${sha256Hex(current)}"`;
    if (this.precondition === 'stale') headers['if-match'] = `"${sha256Hex(toFileBytes('stale'))}"`;
    if (this.precondition === 'create-only') headers['if-none-match'] = '*';
    const exchange = await ctx.owner.api.putFile(id, this.path, this.content === '' ? undefined : contentBytes(this.content), headers);
    const expected = putFile(model.store, ctx.owner.principal, id, { path: this.path, content: contentBytes(this.content), ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] }, reportOf(exchange));
    const primary = writePrimary(this.precondition);
    judgeStatus(ctx.selection, exchange, expected, primary);
    if (expected.ok) {
      const v = expected.value;
      judgeFields(ctx.selection, this.toString(), exchange.response.json, { ...v }, (f) => (f === 'revision' || f === 'changed' ? 'content.revision-iff-change' : 'content.read-your-writes'));
      ctx.selection.expect(exchange.response.headers.etag === `"${v.sha256}"`, 'content.read-your-writes', `${this.toString()}: file ETag ${String(exchange.response.headers.etag)} is not the quoted sha256`);
    }
    await observeAll(model, real, [id], primary);
  }

  toString(): string {
    return `write(${sLabel(this.session)}, ${this.path}=${contentLabel(this.content)}${this.precondition === 'none' ? '' : `, ${this.precondition}`})`;
  }
}
