/**
 * `deleteParent(s0, [a="2\n"], [-c.txt], fail)`: a chain s0 → m → g (m forks s0, g forks m; they
 * take the next two labels), an edit in each fork, then m is deleted and g is merged into s0
 * with `merge`: a source still descends from its target through a deleted session (SEMANTICS §8),
 * and deleting a parent spares its fork (§10). Every part is a full step of its own.
 */
import type { Strategy } from '../../model/merge-plan.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { DELETE_SESSION_BLAMES, DeleteSessionCommand } from './delete-session.js';
import { editLabel, editStep, subStep, type Edit } from './diverge.js';
import { FORK_BLAMES, ForkCommand } from './fork-session.js';
import { MERGE_BLAMES, MergeCommand } from './merge-sessions.js';
import { compositeTable } from '../blames.js';
import { DELETE_FILE_BLAMES } from './delete-file.js';
import { WRITE_BLAMES } from './write-file.js';

/** Check → id: the forks, edits, delete and merge are steps of their own, with their own tables. */
export const DELETE_PARENT_BLAMES = compositeTable({ fork: FORK_BLAMES, write: WRITE_BLAMES, deleteFile: DELETE_FILE_BLAMES, delete: DELETE_SESSION_BLAMES, merge: MERGE_BLAMES });

/** Forks a child and a grandchild of `root`, edits both, deletes the child, merges the grandchild into `root`. */
export class DeleteParentCommand extends SuiteCommand {
  readonly blames = DELETE_PARENT_BLAMES;

  constructor(readonly root: number, readonly editsChild: readonly Edit[], readonly editsGrandchild: readonly Edit[], readonly strategy: Strategy | undefined) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.root) && model.sessions.length <= 4;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const child = model.sessions.length;
    if (!(await subStep(model, real, new ForkCommand(this.root, null))) || model.sessions.length !== child + 1) return;
    for (const edit of this.editsChild) if (!(await subStep(model, real, editStep(child, edit)))) return;
    const grandchild = model.sessions.length;
    if (!(await subStep(model, real, new ForkCommand(child, null))) || model.sessions.length !== grandchild + 1) return;
    for (const edit of this.editsGrandchild) if (!(await subStep(model, real, editStep(grandchild, edit)))) return;
    if (!(await subStep(model, real, new DeleteSessionCommand(child)))) return;
    await subStep(model, real, new MergeCommand('merge', this.root, grandchild, this.strategy, false, false));
  }

  toString(): string {
    return `deleteParent(${sLabel(this.root)}, [${this.editsChild.map(editLabel).join(' ')}], [${this.editsGrandchild.map(editLabel).join(' ')}], ${this.strategy ?? 'default'})`;
  }
}
