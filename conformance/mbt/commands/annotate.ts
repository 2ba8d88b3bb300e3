/**
 * `annotate(s0, on-file)`, `annotate(s0, past, viewer)`: a review note pinned to the head or a past
 * revision, on a file and a range or on the session; also the refusals (a file that is not there,
 * a range that runs backwards). Read back by id.
 */
import type { AnnotationInput } from '../../model/ops-review.js';
import { createAnnotation, getAnnotation, updateAnnotation } from '../../model/ops-review.js';
import { compareCodePoints } from '../../model/code-point-order.js';
import { blameTable } from '../blames.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { firstParentBack } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';

/** What the note is on, or how it is wrong. */
export type AnnotationTarget = 'session' | 'on-file' | 'past' | 'missing-file' | 'backwards-range';

/** Check → id: every answer about the note is the annotation rule's; a viewer may annotate. */
export const ANNOTATE_BLAMES = blameTable({
  'status (404 revision or file, 400 range)': 'review.annotations-exact',
  'fields of the created note': 'review.annotations-exact',
  'getAnnotation: status and fields': 'review.annotations-exact',
  "the viewer resolving the owner's note: 403": 'review.annotations-exact',
});

/** Creates an annotation as the owner or the viewer; a created one becomes the next `n<i>`. */
export class AnnotateCommand extends SessionCommand {
  readonly blames = ANNOTATE_BLAMES;

  constructor(session: number, readonly target: AnnotationTarget, readonly asViewer: boolean) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.surfaces.review && (!this.asViewer || model.hasViewer) && model.annotations.length < 8;
  }

  private input(model: SuiteModel, id: string): AnnotationInput {
    const state = model.store.sessions.get(id);
    const head = state ? state.head : '';
    const firstFile = [...model.store.graph.content(head).files.keys()].sort(compareCodePoints)[0];
    const body = `note ${model.annotations.length} on ${sLabel(this.session)}`;
    switch (this.target) {
      case 'session': return { body };
      case 'on-file': return firstFile === undefined ? { body } : { body, path: firstFile, range: { startLine: 1, endLine: 2 } };
      case 'past': return { body, revision: firstParentBack(model.store.graph, head, 1) };
      case 'missing-file': return { body, path: 'no/such-file' };
      case 'backwards-range': return { body, path: firstFile ?? 'a', range: { startLine: 3, endLine: 1 } };
    }
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const who = this.asViewer && ctx.viewer ? ctx.viewer : ctx.owner;
    const body = this.input(model, id);
    const exchange = await who.api.createAnnotation(id, body);
    const created = (exchange.response.json as { id?: string } | undefined)?.id;
    const expected = createAnnotation(model.store, who.principal, id, body, { annotationId: created });
    judgeStatus(ctx.selection, exchange, expected, 'review.annotations-exact');
    if (!expected.ok) return;
    const view = expected.value;
    model.annotations.push(String(view.id));
    judgeFields(ctx.selection, this.toString(), exchange.response.json, view, () => 'review.annotations-exact');
    const again = await ctx.owner.api.getAnnotation(id, String(view.id));
    const want = getAnnotation(model.store, ctx.owner.principal, id, String(view.id));
    judgeStatus(ctx.selection, again, want, 'review.annotations-exact');
    if (want.ok) judgeFields(ctx.selection, `getAnnotation(n${model.annotations.length - 1})`, again.response.json, want.value, () => 'review.annotations-exact');
    // The owner's note: the viewer (no change rights, not the author) may not resolve it.
    if (!this.asViewer && ctx.viewer) {
      const body = { status: 'resolved' as const };
      const refused = await ctx.viewer.api.updateAnnotation(id, String(view.id), body);
      judgeStatus(ctx.selection, refused, updateAnnotation(model.store, ctx.viewer.principal, id, String(view.id), body), 'review.annotations-exact', true);
    }
  }

  toString(): string {
    return `annotate(${sLabel(this.session)}, ${this.target}${this.asViewer ? ', viewer' : ''})`;
  }
}
