/**
 * Binds a race op to the run: server ids, bodies and `current` preconditions come from the model
 * BEFORE the race (every request of a race is built before any is sent). The prediction reuses the
 * model operation a single-request step uses, and the judgment makes the checks that step makes.
 */
import type { EnvironmentSpec } from '../../model/environment-spec.js';
import type { Exchange } from '../../http/exchange.js';
import { sha256Hex, toFileBytes } from '../../model/bytes.js';
import { canonicalJson } from '../../model/environment-spec.js';
import { commit } from '../../model/ops-commits.js';
import { sessionApprovals } from '../../model/ops-review.js';
import { approvalsAllowCommit } from '../../model/review-records.js';
import { putEnvironmentSpec } from '../../model/ops-environment.js';
import { putFile } from '../../model/ops-files.js';
import { createCheckpoint, fork } from '../../model/ops-lineage.js';
import { merge } from '../../model/ops-merge.js';
import { deleteSession } from '../../model/ops-sessions.js';
import { patchTags } from '../../model/ops-tags.js';
import { SPECS } from '../arbitraries.js';
import { judgeFields, judgeSessionEtag, judgeStatus, sessionFieldInvariant } from '../judge.js';
import { reportOf, viewerAccess } from '../step-helpers.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { opText, RACE_REUSED_IDS, type PreparedOp, type RaceOp, type Verdict } from './race-op.js';

/** What the ops of one race share: the next labels and the race's Idempotency-Key. */
export interface RaceShared {
  readonly nextSession: number;
  readonly nextCheckpoint: number;
  readonly key: string;
}

type Base = Pick<PreparedOp, 'kind' | 'label' | 'sessions' | 'reusedIds'>;

/** Prepares one op of a race (`index` numbers it in messages). */
export function prepareOp(op: RaceOp, index: number, model: SuiteModel, real: SuiteReal, shared: RaceShared): PreparedOp {
  const { owner } = real.ctx;
  const api = owner.api;
  const actor = owner.principal;
  const id = model.sessions[op.session] as string;
  const state = model.store.sessions.get(id);
  const version = state?.version ?? 1;
  const base: Base = { kind: op.kind, label: `#${index + 1} s${op.session} ${opText(op)}`, sessions: [id], reusedIds: RACE_REUSED_IDS[op.kind] };
  switch (op.kind) {
    case 'write': {
      const current = state ? model.store.graph.content(state.head).files.get(op.path) : undefined;
      const headers: Record<string, string> = {};
      if (op.ifMatch && current !== undefined) headers['if-match'] = `"${sha256Hex(current)}"`;
      if (op.ifMatch && current === undefined) headers['if-none-match'] = '*';
      const input = { path: op.path, content: op.content, ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] };
      const staleFile = { 'if-match': `"${sha256Hex(toFileBytes('stale'))}"` };
      return {
        ...base, primary: op.ifMatch ? 'etag.stale-if-match' : 'content.read-your-writes', replayKey: null, creates: null,
        send: () => api.putFile(id, op.path, Buffer.from(op.content, 'utf8'), headers),
        control: op.ifMatch ? async () => refusedAlone(await api.putFile(id, op.path, Buffer.from(op.content, 'utf8'), staleFile), base.label, staleFile) : null,
        apply: (store, ex) => putFile(store, actor, id, input, reportOf(ex)),
        judge: (sel, ex, outcome) => {
          judgeStatus(sel, ex, outcome, op.ifMatch ? 'etag.stale-if-match' : 'content.read-your-writes');
          if (!outcome.ok) return;
          const v = outcome.value as { sha256: string };
          judgeFields(sel, base.label, ex.response.json, { ...v }, (f) => (f === 'revision' || f === 'changed' ? 'content.revision-iff-change' : 'content.read-your-writes'));
          sel.expect(ex.response.headers.etag === `"${v.sha256}"`, 'content.read-your-writes', `${base.label}: file ETag ${String(ex.response.headers.etag)} is not the quoted sha256`);
        },
      };
    }
    case 'fork': {
      const body = { title: `conformance s${shared.nextSession}`, tags: [model.runTag], access: viewerAccess(real.ctx) };
      return {
        ...base, primary: 'lineage.fork-snapshot', replayKey: null, creates: 'session',
        send: () => api.fork(id, body),
        control: null,
        apply: (store, ex) => fork(store, actor, id, body, reportOf(ex)),
        judge: (sel, ex, outcome) => sessionJudge(sel, ex, outcome, 'lineage.fork-snapshot', base.label),
      };
    }
    case 'checkpoint': {
      const body = { label: `race-cp${shared.nextCheckpoint}` };
      const headers = op.keyed ? { 'idempotency-key': shared.key } : undefined;
      return {
        ...base, primary: op.keyed ? 'idempotency.replay' : 'lineage.checkpoint-immutable', replayKey: op.keyed ? shared.key : null, creates: 'checkpoint',
        send: () => api.createCheckpoint(id, body, headers),
        control: headers ? async (answers) => replayedAlone(await api.createCheckpoint(id, body, headers), base.label, answers) : null,
        apply: (store, ex) => createCheckpoint(store, actor, id, body, reportOf(ex)),
        judge: (sel, ex, outcome) => {
          judgeStatus(sel, ex, outcome, 'lineage.checkpoint-immutable');
          if (outcome.ok) judgeFields(sel, base.label, ex.response.json, { ...(outcome.value as object) }, () => 'lineage.checkpoint-immutable');
        },
      };
    }
    case 'commit': {
      const body = { message: `race commit s${op.session}` };
      // A race holds no approvals: a review session the approvals do not let commit must refuse
      // its commit in every order, so a commit that went through is the gate's fault alone.
      const gated = state?.purpose === 'review' && model.store.reviewSurface && !approvalsAllowCommit(sessionApprovals(model.store, id), state.head);
      return {
        ...base, primary: 'commit.clears-changes', replayKey: null, creates: null,
        send: () => api.commit(id, body),
        control: gated ? (answers) => Promise.resolve(gateHeld(answers[index], base.label)) : null,
        apply: (store, ex) => commit(store, actor, id, body, reportOf(ex)),
        judge: (sel, ex, outcome) => {
          judgeStatus(sel, ex, outcome, 'commit.clears-changes');
          if (outcome.ok) judgeFields(sel, base.label, ex.response.json, { ...(outcome.value as object) }, (f) => (f === 'changes' ? 'commit.summary-exact' : 'commit.clears-changes'));
        },
      };
    }
    case 'merge': {
      const sourceId = model.sessions[op.source] as string;
      const body = { sourceSessionId: sourceId, ...(op.strategy ? { strategy: op.strategy } : {}) };
      return {
        ...base, sessions: [id, sourceId], primary: 'merge.soundness', replayKey: null, creates: null,
        send: () => api.merge(op.mode, id, body),
        control: null,
        apply: (store, ex) => merge(store, actor, id, { kind: op.mode, ...body }, reportOf(ex)),
        judge: (sel, ex, outcome) => {
          judgeStatus(sel, ex, outcome, 'merge.soundness');
          if (!outcome.ok) return;
          const v = outcome.value as { session: { version: number }; fastForward: boolean; applied: unknown; resolved: unknown };
          const json = ex.response.json as { session?: unknown } | undefined;
          judgeFields(sel, base.label, json, { fastForward: v.fastForward, applied: v.applied, resolved: v.resolved }, (f) => (f === 'fastForward' ? 'merge.fast-forward' : 'merge.soundness'));
          judgeFields(sel, `${base.label} session`, json?.session, { ...v.session }, sessionFieldInvariant(v.fastForward ? 'merge.fast-forward' : 'merge.soundness'));
          judgeSessionEtag(sel, ex, v.session.version);
        },
      };
    }
    case 'delete':
      return {
        ...base, primary: 'session.delete-final', replayKey: null, creates: null,
        send: () => api.deleteSession(id),
        control: null,
        apply: (store) => deleteSession(store, actor, id, {}),
        judge: (sel, ex, outcome) => judgeStatus(sel, ex, outcome, 'session.delete-final'),
      };
    case 'tags': {
      const body = { add: [...op.add], remove: [...op.remove] };
      const ifMatch = op.ifMatch ? `"${version}"` : undefined;
      return {
        ...base, primary: op.ifMatch ? 'etag.stale-if-match' : 'tags.set-semantics', replayKey: null, creates: null,
        send: () => api.patchTags(id, body, ifMatch ? { 'if-match': ifMatch } : undefined),
        // With If-Match, the precondition first; then (both ways) the set operation itself.
        control: async () => (ifMatch ? refusedAlone(await api.patchTags(id, body, NEVER_CURRENT), base.label, NEVER_CURRENT) : null) ?? setAlone(await api.patchTags(id, body), base.label, body),
        apply: (store) => patchTags(store, actor, id, { ...body, ifMatch }),
        judge: (sel, ex, outcome) => sessionJudge(sel, ex, outcome, 'tags.set-semantics', base.label),
      };
    }
    case 'spec': {
      const spec = structuredClone(SPECS[op.spec]) as unknown as EnvironmentSpec;
      const ifMatch = op.ifMatch ? `"${version}"` : undefined;
      return {
        ...base, primary: 'content.environment-spec', replayKey: null, creates: null,
        send: () => api.putEnvironmentSpec(id, spec, ifMatch ? { 'if-match': ifMatch } : undefined),
        control: ifMatch ? async () => refusedAlone(await api.putEnvironmentSpec(id, spec, NEVER_CURRENT), base.label, NEVER_CURRENT) : null,
        // The answer is the spec, not the session: the new head is read after the race.
        apply: (store, ex, extra) => putEnvironmentSpec(store, actor, id, { spec, ifMatch }, ex.response.status === 200 ? { revision: extra.headAfter.get(id) } : {}),
        judge: (sel, ex, outcome, store) => {
          judgeStatus(sel, ex, outcome, 'content.environment-spec');
          if (!outcome.ok) return;
          judgeFields(sel, base.label, ex.response.json, { ...(outcome.value as object) }, () => 'content.environment-spec');
          judgeSessionEtag(sel, ex, store.sessions.get(id)?.version ?? 0);
        },
      };
    }
  }
}

/** A session ETag no session ever has (versions start at 1). */
const NEVER_CURRENT = { 'if-match': '"0"' };

/** The control of a precondition: sent alone with a stale one, the change must be 412. */
function refusedAlone(exchange: Exchange, label: string, headers: Record<string, string>): Verdict | null {
  if (exchange.response.status === 412) return null;
  return { invariant: 'etag.stale-if-match', message: `control: ${label} sent again alone with If-Match ${headers['if-match'] ?? ''} (stale) answered ${exchange.response.status}, not 412: the precondition does not hold even one request at a time` };
}

/**
 * The control of a plain tag patch: sent again alone (a set operation, so repeating it is
 * harmless), the answer must hold every tag it adds and none it only removes.
 */
function setAlone(exchange: Exchange, label: string, body: { add: readonly string[]; remove: readonly string[] }): Verdict | null {
  const tags = (exchange.response.json as { tags?: unknown } | undefined)?.tags;
  const held = new Set(Array.isArray(tags) ? tags : []);
  const wrong = [...body.add.filter((t) => !body.remove.includes(t) && !held.has(t)), ...body.remove.filter((t) => !body.add.includes(t) && held.has(t))];
  if (exchange.response.status === 200 && wrong.length === 0) return null;
  return { invariant: 'tags.set-semantics', message: `control: ${label} sent again alone answered ${exchange.response.status} with tags ${canonicalJson(tags ?? null)}: ${wrong.join(', ') || 'the patch'} not applied even one request at a time` };
}

/** The control of a commit the approval gate must refuse: any 2xx is the gate's fault. */
function gateHeld(exchange: Exchange | undefined, label: string): Verdict | null {
  const status = exchange?.response.status ?? 0;
  if (status < 200 || status >= 300) return null;
  return { invariant: 'review.approval-gate', message: `control: ${label} on a review session without a counting approval answered ${status}: the approval gate does not hold even one request at a time` };
}

/** The control of an Idempotency-Key: retried alone, the request must replay one of the race's answers. */
function replayedAlone(exchange: Exchange, label: string, answers: readonly Exchange[]): Verdict | null {
  const same = (other: Exchange): boolean => other.response.status === exchange.response.status && canonicalJson(other.response.json ?? null) === canonicalJson(exchange.response.json ?? null);
  if (answers.some(same)) return null;
  return { invariant: 'idempotency.replay', message: `control: ${label} retried alone with the same key answered ${exchange.response.status} ${canonicalJson(exchange.response.json ?? null)}, a replay of none of the race's answers: the key is not honoured even one request at a time` };
}

/** Status, fields and ETag of an answer that carries a session (fork, tags). */
function sessionJudge(sel: Parameters<PreparedOp['judge']>[0], ex: Parameters<PreparedOp['judge']>[1], outcome: Parameters<PreparedOp['judge']>[2], primary: 'lineage.fork-snapshot' | 'tags.set-semantics', label: string): void {
  judgeStatus(sel, ex, outcome, primary);
  if (!outcome.ok) return;
  const value = outcome.value as { version: number };
  judgeFields(sel, label, ex.response.json, { ...value }, sessionFieldInvariant(primary));
  judgeSessionEtag(sel, ex, value.version);
}
