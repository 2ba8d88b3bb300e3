/**
 * `crissCross(s0[a="2\n"], s1[c.txt="3\n"], ours, then fail)`: a criss-cross history. After an
 * edit on each side, each session is forked and each takes the other's fork with `mergeFrom`, so
 * the two heads have two lowest common ancestors; a last `mergeFrom` between them must then be
 * 409 `ambiguous-merge-base` (SEMANTICS §8 step 1). The two forks take the next two labels
 * (`s<n>` of x, `s<n+1>` of y). Every part is a full step of its own.
 */
import type { Strategy } from '../../model/merge-plan.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { editLabel, editStep, subStep, type Edit } from './diverge.js';
import { FORK_BLAMES, ForkCommand } from './fork-session.js';
import { MERGE_BLAMES, MergeCommand } from './merge-sessions.js';
import { compositeTable } from '../blames.js';
import { DELETE_FILE_BLAMES } from './delete-file.js';
import { WRITE_BLAMES } from './write-file.js';

/** Check → id: the edits, forks and merges are steps of their own, with their own tables. */
export const CRISS_CROSS_BLAMES = compositeTable({ write: WRITE_BLAMES, deleteFile: DELETE_FILE_BLAMES, fork: FORK_BLAMES, merge: MERGE_BLAMES });

/** Edits x and y, forks both, merges each fork into the other session, then merges y into x. */
export class CrissCrossCommand extends SuiteCommand {
  readonly blames = CRISS_CROSS_BLAMES;

  constructor(readonly x: number, readonly y: number, readonly editsX: readonly Edit[], readonly editsY: readonly Edit[], readonly cross: Strategy, readonly last: Strategy | undefined) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return this.x !== this.y && liveSession(model, this.x) && liveSession(model, this.y) && model.sessions.length <= 4;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    for (const edit of this.editsX) if (!(await subStep(model, real, editStep(this.x, edit)))) return;
    for (const edit of this.editsY) if (!(await subStep(model, real, editStep(this.y, edit)))) return;
    const forkX = model.sessions.length;
    if (!(await subStep(model, real, new ForkCommand(this.x, null))) || model.sessions.length !== forkX + 1) return;
    const forkY = model.sessions.length;
    if (!(await subStep(model, real, new ForkCommand(this.y, null))) || model.sessions.length !== forkY + 1) return;
    if (!(await subStep(model, real, new MergeCommand('mergeFrom', this.x, forkY, this.cross, false, false)))) return;
    if (!(await subStep(model, real, new MergeCommand('mergeFrom', this.y, forkX, this.cross, false, false)))) return;
    await subStep(model, real, new MergeCommand('mergeFrom', this.x, this.y, this.last, false, false));
  }

  toString(): string {
    return `crissCross(${sLabel(this.x)}[${this.editsX.map(editLabel).join(' ')}], ${sLabel(this.y)}[${this.editsY.map(editLabel).join(' ')}], ${this.cross}, then ${this.last ?? 'default'})`;
  }
}
