/**
 * `diverge(s0[a="2\n" -c.txt], s1[-a a/b="1\n"], mergeFrom fail)`: edits in two related sessions,
 * then (often) a merge of the two. The raw material of every merge case: both sides changing a
 * path, a delete on one side, a file on one side where the other has a directory (`a` vs `a/b`).
 * Each edit and the merge are full steps of their own (checked and observed as such).
 */
import type { Strategy } from '../../model/merge-plan.js';
import { contentLabel, type FileContent } from '../file-content.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { DELETE_FILE_BLAMES, DeleteFileCommand } from './delete-file.js';
import { MERGE_BLAMES, MergeCommand } from './merge-sessions.js';
import { WRITE_BLAMES, WriteFileCommand } from './write-file.js';
import { compositeTable } from '../blames.js';

/** Check → id: each edit and the merge are steps of their own, with their own tables. */
export const DIVERGE_BLAMES = compositeTable({ write: WRITE_BLAMES, deleteFile: DELETE_FILE_BLAMES, merge: MERGE_BLAMES });

/** One edit: write a file or delete one. */
export type Edit = { readonly op: 'write'; readonly path: string; readonly content: FileContent } | { readonly op: 'delete'; readonly path: string };

/** The merge a `diverge` ends with: `into` the first session or the second. */
export interface FollowUp {
  readonly kind: 'merge' | 'mergeFrom';
  readonly into: 'first' | 'second';
  readonly strategy: Strategy | undefined;
}

/** Runs a step inside a composite step (when it applies); false once the run has diverged. */
export async function subStep(model: SuiteModel, real: SuiteReal, step: SuiteCommand): Promise<boolean> {
  if (model.diverged) return false;
  if (!step.check(model)) return true;
  await step.run(model, real);
  model.log.pop();
  return !model.diverged;
}

/** The step an edit is. */
export function editStep(session: number, edit: Edit): SuiteCommand {
  return edit.op === 'write' ? new WriteFileCommand(session, edit.path, edit.content, 'none') : new DeleteFileCommand(session, edit.path);
}

/** How an edit prints: `a="2\n"` or `-a`. */
export function editLabel(edit: Edit): string {
  return edit.op === 'write' ? `${edit.path}=${contentLabel(edit.content)}` : `-${edit.path}`;
}

/** Edits in two sessions, then maybe a merge between them. */
export class DivergeCommand extends SuiteCommand {
  readonly blames = DIVERGE_BLAMES;

  constructor(readonly first: number, readonly second: number, readonly edits1: readonly Edit[], readonly edits2: readonly Edit[], readonly then: FollowUp | null) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return this.first !== this.second && liveSession(model, this.first) && liveSession(model, this.second);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    for (const edit of this.edits1) if (!(await subStep(model, real, editStep(this.first, edit)))) return;
    for (const edit of this.edits2) if (!(await subStep(model, real, editStep(this.second, edit)))) return;
    if (this.then === null) return;
    const [target, source] = this.then.into === 'first' ? [this.first, this.second] : [this.second, this.first];
    await subStep(model, real, new MergeCommand(this.then.kind, target, source, this.then.strategy, false, false));
  }

  toString(): string {
    const side = (s: number, edits: readonly Edit[]): string => `${sLabel(s)}[${edits.map(editLabel).join(' ')}]`;
    const then = this.then === null ? '' : `, ${this.then.kind === 'merge' ? 'merge' : 'mergeFrom'} ${this.then.into === 'first' ? `${sLabel(this.second)} → ${sLabel(this.first)}` : `${sLabel(this.first)} → ${sLabel(this.second)}`} ${this.then.strategy ?? 'default'}`;
    return `diverge(${side(this.first, this.edits1)}, ${side(this.second, this.edits2)}${then})`;
  }
}
