/**
 * `resolve(n0, other)`, `editNote(n1, author, same)`, `deleteNote(n0, author)`: change an
 * annotation as its author or as the other principal (the owner has change rights, the viewer has
 * none: 403), or address it through another session (404). Then list the session's annotations.
 */
import type { KnownPrincipal } from '../suite-context.js';
import { deleteAnnotation, listAnnotations, updateAnnotation } from '../../model/ops-review.js';
import { blameTable } from '../blames.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { checkPagedList } from '../paged-list.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';

/** What the step does to the note. */
export type AnnotationChange = 'resolve' | 'reopen' | 'body' | 'same' | 'delete';

/** Check → id: rights, the change and the list afterwards are the annotation rule's. */
export const EDIT_ANNOTATION_BLAMES = blameTable({
  'status (403 not the author and no change rights, 404 gone or another session)': 'review.annotations-exact',
  'fields after the change': 'review.annotations-exact',
  'list afterwards: items, filters, order, their fields': 'review.annotations-exact',
  'list afterwards: an item twice while paging': 'list.complete',
});

/** Changes annotation `n<i>`. */
export class EditAnnotationCommand extends SuiteCommand {
  readonly blames = EDIT_ANNOTATION_BLAMES;

  constructor(readonly annotation: number, readonly byAuthor: boolean, readonly change: AnnotationChange, readonly via: number | null) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    const record = model.store.annotations.get(model.annotations[this.annotation] ?? '');
    if (!record || !model.hasViewer) return false;
    const own = model.sessions.indexOf(record.sessionId);
    return liveSession(model, this.via ?? own);
  }

  /** The author, or whichever of owner and viewer is not the author. */
  private who(real: SuiteReal, authorId: string): KnownPrincipal {
    const { owner, viewer } = real.ctx;
    const author = viewer && viewer.principal.principalId === authorId ? viewer : owner;
    if (this.byAuthor) return author;
    return author === owner && viewer ? viewer : owner;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const annotationId = model.annotations[this.annotation] as string;
    const record = model.store.annotations.get(annotationId);
    if (!record) return;
    const sessionId = this.via === null ? record.sessionId : (model.sessions[this.via] as string);
    const who = this.who(real, record.authorId);
    const where = this.toString();
    if (this.change === 'delete') {
      const exchange = await who.api.deleteAnnotation(sessionId, annotationId);
      judgeStatus(ctx.selection, exchange, deleteAnnotation(model.store, who.principal, sessionId, annotationId), 'review.annotations-exact', true);
    } else {
      const body = this.change === 'resolve' ? { status: 'resolved' as const } : this.change === 'reopen' ? { status: 'open' as const } : this.change === 'body' ? { body: `${record.body} (edited)` } : { body: record.body, status: record.status };
      const exchange = await who.api.updateAnnotation(sessionId, annotationId, body);
      const expected = updateAnnotation(model.store, who.principal, sessionId, annotationId, body);
      judgeStatus(ctx.selection, exchange, expected, 'review.annotations-exact', true);
      if (expected.ok) judgeFields(ctx.selection, where, exchange.response.json, expected.value, () => 'review.annotations-exact');
    }
    // After a status change, list the other status: the note must have left it (a filter check).
    const filter = this.change === 'resolve' ? { status: 'open' as const } : this.change === 'reopen' ? { status: 'resolved' as const } : {};
    await checkAnnotationList(model, real, record.sessionId, filter, 2, where);
  }

  toString(): string {
    const name = this.change === 'delete' ? 'deleteNote' : this.change === 'resolve' || this.change === 'reopen' ? this.change : 'editNote';
    const extra = this.change === 'body' || this.change === 'same' ? `, ${this.change}` : '';
    return `${name}(n${this.annotation}, ${this.byAuthor ? 'author' : 'other'}${extra}${this.via === null ? '' : `, via ${sLabel(this.via)}`})`;
  }
}

/** Pages a session's annotations (with filters) and compares them with the model, oldest first. */
export async function checkAnnotationList(model: SuiteModel, real: SuiteReal, sessionId: string, filter: { status?: 'open' | 'resolved'; path?: string }, limit: number | null, where: string): Promise<void> {
  const { ctx } = real;
  const want = listAnnotations(model.store, ctx.owner.principal, sessionId, filter);
  let first = true;
  const fetch = async (cursor: string | undefined) => {
    const exchange = await ctx.owner.api.listAnnotations(sessionId, { ...filter, ...(limit === null ? {} : { limit }), cursor });
    if (first) judgeStatus(ctx.selection, exchange, want, 'review.annotations-exact');
    first = false;
    return exchange;
  };
  if (!want.ok) {
    await fetch(undefined);
    return;
  }
  await checkPagedList(real, `${where}: annotations of ${sessionId}`, fetch, { want: want.value, key: (item) => String((item as { id?: unknown }).id), ignore: ['createdAt', 'updatedAt'], listInvariant: 'review.annotations-exact' }, 'review.annotations-exact');
}
