/**
 * What the model expects a request to answer: a success with its status and body, or a problem
 * with its status and stable code.
 */

/** Every problem status the model can predict, keyed by its stable code (SEMANTICS §12). */
export const PROBLEM_STATUS = {
  'validation-failed': 400,
  'invalid-path': 400,
  unauthenticated: 401,
  forbidden: 403,
  'session-not-found': 404,
  'file-not-found': 404,
  'checkpoint-not-found': 404,
  'commit-not-found': 404,
  'revision-not-found': 404,
  'environment-spec-not-set': 404,
  'annotation-not-found': 404,
  'approval-not-found': 404,
  'cache-entry-not-found': 404,
  'path-collision': 409,
  'nothing-to-commit': 409,
  'revision-mismatch': 409,
  'merge-conflict': 409,
  'ambiguous-merge-base': 409,
  'unrelated-histories': 409,
  'session-not-active': 409,
  'tag-limit-exceeded': 409,
  'approval-required': 409,
  'precondition-failed': 412,
  'not-a-descendant': 422,
  'merge-same-session': 422,
} as const;

/** A problem code the model predicts. */
export type ProblemCode = keyof typeof PROBLEM_STATUS;

/** Why a merge item conflicts. */
export type ConflictReason = 'both-changed' | 'path-collision';

/** One conflicting item of a failed merge (`path` may be `/environmentSpec`). */
export interface Conflict {
  path: string;
  reason: ConflictReason;
}

/** An expected success. */
export interface Success<T> {
  readonly ok: true;
  readonly status: 200 | 201 | 204;
  readonly value: T;
}

/** An expected problem response; `conflicts` only with `merge-conflict`. */
export interface Failure {
  readonly ok: false;
  readonly status: number;
  readonly code: ProblemCode;
  readonly conflicts?: Conflict[];
}

/** What the server must answer. */
export type Outcome<T> = Success<T> | Failure;

/** A success outcome. */
export function succeed<T>(value: T, status: 200 | 201 | 204 = 200): Success<T> {
  return { ok: true, status, value };
}

/** A problem outcome with the status that belongs to its code. */
export function fail(code: ProblemCode, conflicts?: Conflict[]): Failure {
  const status = PROBLEM_STATUS[code];
  return conflicts === undefined ? { ok: false, status, code } : { ok: false, status, code, conflicts };
}

/** The kinds of id only the server chooses, which the model checks are new. */
export type IdKind = 'session' | 'revision' | 'checkpoint' | 'commit' | 'annotation' | 'approval';

/**
 * Thrown when what the server reported breaks an invariant the model can only check with the
 * server's own ids: a revision id that is not new although content changed, or an id reused.
 * It carries the kind of id, so the step that saw it can name the rule that kind breaks there
 * (a reused revision is a merge's fault in a merge, a restore's in a restore).
 */
export class ModelViolation extends Error {
  override readonly name = 'ModelViolation';
  constructor(readonly kind: IdKind, message: string) {
    super(message);
  }
}
