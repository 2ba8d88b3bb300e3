/** `readAt(s0, a, back=2)`: read a file at an earlier revision of the session's history. */
import { rawBytes, utf8Text } from '../../model/bytes.js';
import { readFile } from '../../model/ops-files.js';
import { contentLabel } from '../file-content.js';
import { judgeStatus } from '../judge.js';
import { firstParentBack } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable } from '../blames.js';

/** Check → id: every check of a read at a revision. */
export const READ_AT_BLAMES = blameTable({ status: 'content.read-at-revision', bytes: 'content.read-at-revision', 'file ETag': 'content.read-at-revision' });

/** Reads a file at the revision `back` first-parent steps behind the head (or another session's head). */
export class ReadAtRevisionCommand extends SessionCommand {
  readonly blames = READ_AT_BLAMES;

  constructor(session: number, readonly path: string | number, readonly back: number, readonly from: number | null) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && (this.from === null || this.from < model.sessions.length);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const origin = model.store.sessions.get(model.sessions[this.from ?? this.session] as string);
    if (!origin) return;
    const revision = firstParentBack(model.store.graph, origin.head, this.back);
    const files = [...model.store.graph.content(revision).files.keys()].sort();
    const path = typeof this.path === 'string' ? this.path : files[this.path % Math.max(files.length, 1)] ?? 'a';
    const exchange = await ctx.owner.api.getFile(id, path, { revision });
    const expected = readFile(model.store, ctx.owner.principal, id, { path, revision });
    judgeStatus(ctx.selection, exchange, expected, 'content.read-at-revision');
    if (!expected.ok) return;
    const got = Buffer.from(exchange.response.bytes).toString('base64');
    // Short text as text, anything else as its size and sha (a large file must not flood the report).
    const shown = (bytes: Uint8Array): string => contentLabel((bytes.length <= 64 ? utf8Text(Buffer.from(bytes).toString('base64')) : null) ?? bytes);
    ctx.selection.expect(got === expected.value.bytes, 'content.read-at-revision', `${this.toString()}: bytes differ`, shown(rawBytes(expected.value.bytes)), shown(exchange.response.bytes));
    ctx.selection.expect(exchange.response.headers.etag === `"${expected.value.sha256}"`, 'content.read-at-revision', `${this.toString()}: ETag is not the quoted sha256 of the bytes`);
  }

  toString(): string {
    return `readAt(${sLabel(this.session)}, ${typeof this.path === 'string' ? this.path : `file#${this.path}`}, back=${this.back}${this.from === null || this.from === this.session ? '' : `, of=${sLabel(this.from)}`})`;
  }
}
