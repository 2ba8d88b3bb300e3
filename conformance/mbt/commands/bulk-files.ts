/**
 * `bulkFiles(75 files, then delete)`: a session of its own with enough files to cross pages at the default page
 * size (50), listed whole and under a prefix that still spans pages, then deleted. Deleting it
 * keeps the step cheap: the run's later steps observe a deleted session with one request, not
 * dozens of file pages.
 */
import { SuiteCommand } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { CREATE_BLAMES, CreateSessionCommand } from './create-session.js';
import { DELETE_SESSION_BLAMES, DeleteSessionCommand } from './delete-session.js';
import { subStep } from './diverge.js';
import { LIST_FILES_BLAMES, ListFilesCommand } from './list-files.js';
import { compositeTable } from '../blames.js';

/** Check → id: the create, the two lists and the delete are steps of their own, with their own tables. */
export const BULK_FILES_BLAMES = compositeTable({ create: CREATE_BLAMES, list: LIST_FILES_BLAMES, delete: DELETE_SESSION_BLAMES });

/** The prefix every bulk file shares up to its first digit: `bulk/0` spans files 000–099. */
export const BULK_PREFIX = 'bulk/0';

/** Creates a session with `count` files, lists them (whole and under {@link BULK_PREFIX}), deletes it. */
export class BulkFilesCommand extends SuiteCommand {
  readonly blames = BULK_FILES_BLAMES;

  constructor(readonly count: number) {
    super();
  }

  protected applies(model: Readonly<SuiteModel>): boolean {
    return model.sessions.length < 6;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const label = model.sessions.length;
    const files = Array.from({ length: this.count }, (_, i) => ({ path: `bulk/${String(i).padStart(3, '0')}`, content: `${i}\n` }));
    if (!(await subStep(model, real, new CreateSessionCommand(files, null))) || model.sessions.length !== label + 1) return;
    if (!(await subStep(model, real, new ListFilesCommand(label, null, null)))) return;
    if (!(await subStep(model, real, new ListFilesCommand(label, BULK_PREFIX, null)))) return;
    await subStep(model, real, new DeleteSessionCommand(label));
  }

  toString(): string {
    return `bulkFiles(${this.count} files, then delete)`;
  }
}

