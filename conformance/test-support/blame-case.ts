/**
 * Test-only: what a row of the per-command blame test is, and the short step lists the rows share.
 * A case is one command under test after a few setup steps; each of its breaks names the check of
 * the command's table it breaks and the armed proxy rule that breaks it.
 */
import type { IdKind } from '../model/outcome.js';
import { CreateSessionCommand } from '../mbt/commands/create-session.js';
import { CheckpointCommand } from '../mbt/commands/create-checkpoint.js';
import { ForkCommand } from '../mbt/commands/fork-session.js';
import { WriteFileCommand } from '../mbt/commands/write-file.js';
import type { SuiteCommand } from '../mbt/suite-command.js';
import type { SuiteModel } from '../mbt/suite-model.js';
import type { ProxyRule } from './broken-proxy.js';
import { problem, sessionPath, type Corrupt } from './armed-rules.js';

/** One way to break the step: the check of its table it breaks, and the rule (built once setup ran). */
export interface Break {
  /** A key of the step's `blames.checks`, or the kind of id reused (`blames.reusedIds`). */
  readonly check: string | { readonly reused: IdKind };
  readonly rule: (model: SuiteModel) => ProxyRule;
}

/** A command under test: the steps played un-armed first, the step, the ways to break it. */
export interface BlameCase {
  readonly name: string;
  readonly setup: readonly SuiteCommand[];
  readonly step: SuiteCommand;
  readonly breaks: readonly Break[];
}

/** `create(a="1\n", c.txt="1\n")`: s0. */
export const create = (): SuiteCommand => new CreateSessionCommand([{ path: 'a', content: '1\n' }, { path: 'c.txt', content: '1\n' }], null);
/** s0 and its fork s1. */
export const createAndFork = (): SuiteCommand[] => [create(), new ForkCommand(0, null)];
/** A plain write of `path` in session `s`. */
export const write = (s: number, path: string, content: string): SuiteCommand => new WriteFileCommand(s, path, content, 'none');
/** A checkpoint of s. */
export const checkpoint = (s: number): SuiteCommand => new CheckpointCommand(s);

/** The server id of label `s<i>`. */
export function sid(model: SuiteModel, i: number): string {
  return model.sessions[i] as string;
}

/** The head revision the model holds for `s<i>`. */
export function head(model: SuiteModel, i: number): string {
  return model.store.sessions.get(sid(model, i))?.head ?? '';
}

/** `404 session-not-found` instead of the real answer: documented for every route on a session. */
export const notFound: Corrupt = problem(404, 'session-not-found');

/** The pattern of `s<i>`'s path with `rest`. */
export function at(model: SuiteModel, i: number, rest = ''): RegExp {
  return sessionPath(sid(model, i), rest);
}
