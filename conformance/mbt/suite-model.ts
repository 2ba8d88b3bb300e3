/**
 * The state fast-check threads through one run: the reference model plus the labels that let a
 * step name sessions and checkpoints readably (`s0`, `c1`: creation order within the run).
 */
import { ModelStore } from '../model/model-store.js';
import type { SuiteContext } from './suite-context.js';

/** The model side of `fc.asyncModelRun`. */
export interface SuiteModel {
  readonly store: ModelStore;
  /** Server ids of the sessions this run created, label `s<i>` = index i. */
  readonly sessions: string[];
  /** Server ids of the checkpoints this run created, label `c<i>`. */
  readonly checkpoints: string[];
  /** Server ids of the annotations this run created, label `n<i>`. */
  readonly annotations: string[];
  /** The tag every session of this run carries, so lists can be filtered to the run. */
  readonly runTag: string;
  /** Set when a skipped invariant broke: the model no longer tracks the server; later steps skip. */
  diverged: boolean;
  /** Whether the context has a viewer / another-tenant principal (commands that need one skip otherwise). */
  readonly hasViewer: boolean;
  readonly hasStranger: boolean;
  /** Counter for unique Idempotency-Keys within the run. */
  keys: number;
  /** The steps run so far, as their `toString` (the replayable step list of a failure). */
  readonly log: string[];
  /** What observation last read and found as modelled (so a step re-reads only what moved). */
  readonly verified: {
    /** Session id → the version of the detail view last read, or `deleted` once its 404 was seen. */
    readonly details: Map<string, number | 'deleted'>;
    /** Session id → the head revision whose files and spec were last read. */
    readonly heads: Map<string, string>;
    /** Session id → how many of its expected events were read and matched, and the last one's id. */
    readonly events: Map<string, { count: number; lastId: string | undefined }>;
  };
  /** Event id → where in the run's logs it was read (`<session>#<position>`): ids are never reused. */
  readonly eventIds: Map<string, string>;
  /** The optional surfaces the server offers (steps on the others are not generated). */
  readonly surfaces: SuiteContext['surfaces'];
}

/** The real side of `fc.asyncModelRun`. */
export interface SuiteReal {
  readonly ctx: SuiteContext;
  readonly runTag: string;
}

let runCounter = 0;

/** A fresh model/real pair for one run. */
export function newRun(ctx: SuiteContext): { model: SuiteModel; real: SuiteReal } {
  runCounter += 1;
  const runTag = `${ctx.tagPrefix}-${runCounter}`;
  const store = new ModelStore();
  store.reviewSurface = ctx.surfaces.review;
  return { model: { store, sessions: [], checkpoints: [], annotations: [], runTag, diverged: false, hasViewer: ctx.viewer !== null, hasStranger: ctx.stranger !== null, keys: 0, log: [], verified: { details: new Map(), heads: new Map(), events: new Map() }, eventIds: new Map(), surfaces: ctx.surfaces }, real: { ctx, runTag } };
}

/** Whether session label i exists and is not deleted in the model. */
export function liveSession(model: SuiteModel, index: number): boolean {
  const id = model.sessions[index];
  return id !== undefined && model.store.sessions.get(id)?.deleted === false;
}
