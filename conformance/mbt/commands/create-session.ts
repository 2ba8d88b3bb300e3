/** `create(files=[…])`: a root session with initial files (and maybe a spec). */
import { createSession } from '../../model/ops-sessions.js';
import type { EnvironmentSpec } from '../../model/environment-spec.js';
import { SPECS } from '../arbitraries.js';
import { contentBytes, contentLabel, type FileContent } from '../file-content.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { observeSession } from '../observe.js';
import { reportOf, viewerAccess } from '../step-helpers.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable, observationChecks, sessionChecks } from '../blames.js';

/** Check → id: a create's status is the generic `model.status` (e.g. `path-collision`). */
export const CREATE_BLAMES = blameTable({ status: 'model.status', ...sessionChecks('answer', 'content.read-your-writes'), ...observationChecks('content.read-your-writes') });

/** A create with more files than this prints only the first ones. */
const SHOWN_FILES = 4;

/** Creates a session of the run; it becomes the next `s<i>`. */
export class CreateSessionCommand extends SuiteCommand {
  readonly blames = CREATE_BLAMES;

  /** `review`: purpose `review`, whose commits need approvals (contract README §13). */
  constructor(readonly files: ReadonlyArray<{ path: string; content: FileContent }>, readonly spec: number | null, readonly review = false) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return model.sessions.length < 6;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const label = sLabel(model.sessions.length);
    const environmentSpec = this.spec === null ? undefined : (structuredClone(SPECS[this.spec]) as unknown as EnvironmentSpec);
    // Text travels as UTF-8 JSON strings, bytes as base64 (`encoding`).
    const files = this.files.map((f) => (typeof f.content === 'string' ? { path: f.path, content: f.content } : { path: f.path, content: Buffer.from(f.content).toString('base64'), encoding: 'base64' }));
    const body = { title: `conformance ${label}`, tags: [model.runTag], access: viewerAccess(ctx), files, ...(environmentSpec ? { environmentSpec } : {}), ...(this.review ? { purpose: 'review' as const } : {}) };
    const exchange = await ctx.owner.api.createSession(body);
    const expected = createSession(model.store, ctx.owner.principal, { ...body, files: this.files.map((f) => ({ path: f.path, content: contentBytes(f.content) })) }, reportOf(exchange));
    judgeStatus(ctx.selection, exchange, expected, 'model.status');
    if (!expected.ok) return;
    model.sessions.push(expected.value.id);
    judgeFields(ctx.selection, `create ${label}`, exchange.response.json, { ...expected.value }, sessionFieldInvariant('content.read-your-writes'));
    judgeSessionEtag(ctx.selection, exchange, expected.value.version);
    await observeSession(model, real, expected.value.id, 'content.read-your-writes', true);
  }

  toString(): string {
    // A bulk create prints its first files and the count, not a hundred entries.
    const shown = this.files.slice(0, SHOWN_FILES).map((f) => `${f.path}=${contentLabel(f.content)}`);
    const files = this.files.length > SHOWN_FILES ? `${shown.join(', ')}, … ${this.files.length} files` : shown.join(', ');
    return `create(files=[${files}]${this.spec === null ? '' : `, spec=${this.spec}`}${this.review ? ', review' : ''})`;
  }
}
