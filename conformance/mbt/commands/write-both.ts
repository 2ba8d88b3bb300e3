/** `writeBoth(s0 a="1\n", s1 a="2\n")`: diverging edits of one path in two sessions. */
import { contentLabel, type FileContent } from '../file-content.js';
import { SuiteCommand, sLabel } from '../suite-command.js';
import { liveSession, type SuiteModel, type SuiteReal } from '../suite-model.js';
import { subStep } from './diverge.js';
import { WRITE_BLAMES, WriteFileCommand } from './write-file.js';
import { compositeTable } from '../blames.js';

/** Check → id: two plain writes, each with the write's table. */
export const WRITE_BOTH_BLAMES = compositeTable({ first: WRITE_BLAMES, second: WRITE_BLAMES });

/** Two plain writes of the same path with different contents, each checked like `write`. */
export class WriteBothCommand extends SuiteCommand {
  readonly blames = WRITE_BOTH_BLAMES;

  constructor(readonly first: number, readonly second: number, readonly path: string, readonly content1: FileContent, readonly content2: FileContent) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return liveSession(model, this.first) && liveSession(model, this.second);
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    // The second write runs only while the run still agrees with the model.
    if (!(await subStep(model, real, new WriteFileCommand(this.first, this.path, this.content1, 'none')))) return;
    await subStep(model, real, new WriteFileCommand(this.second, this.path, this.content2, 'none'));
  }

  toString(): string {
    return `writeBoth(${sLabel(this.first)} ${this.path}=${contentLabel(this.content1)}, ${sLabel(this.second)} ${this.path}=${contentLabel(this.content2)})`;
  }
}
