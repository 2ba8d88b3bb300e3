/**
 * Binds a race op to the run: server ids, bodies and `current` preconditions come from the model
 * BEFORE the race (every request of a race is built before any is sent). The prediction reuses the
 * model operation a single-request step uses, and the judgment makes the checks that step makes.
 */
import type { EnvironmentSpec } from '../../model/environment-spec.js';
import { sha256Hex } from '../../model/bytes.js';
import { commit } from '../../model/ops-commits.js';
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
import { opText, type PreparedOp, type RaceOp } from './race-op.js';

/** What the ops of one race share: the next labels and the race's Idempotency-Key. */
export interface RaceShared {
  readonly nextSession: number;
  readonly nextCheckpoint: number;
  readonly key: string;
}

type Base = Pick<PreparedOp, 'kind' | 'label' | 'sessions'>;

/** Prepares one op of a race (`index` numbers it in messages). */
export function prepareOp(op: RaceOp, index: number, model: SuiteModel, real: SuiteReal, shared: RaceShared): PreparedOp {
  const { owner } = real.ctx;
  const api = owner.api;
  const actor = owner.principal;
  const id = model.sessions[op.session] as string;
  const state = model.store.sessions.get(id);
  const version = state?.version ?? 1;
  const base: Base = { kind: op.kind, label: `#${index + 1} s${op.session} ${opText(op)}`, sessions: [id] };
  switch (op.kind) {
    case 'write': {
      const current = state ? model.store.graph.content(state.head).files.get(op.path) : undefined;
      const headers: Record<string, string> = {};
      if (op.ifMatch && current !== undefined) headers['if-match'] = `"${sha256Hex(current)}"`;
      if (op.ifMatch && current === undefined) headers['if-none-match'] = '*';
      const input = { path: op.path, content: op.content, ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] };
      return {
        ...base, primary: op.ifMatch ? 'etag.stale-if-match' : 'content.read-your-writes', replayKey: null, creates: null,
        send: () => api.putFile(id, op.path, Buffer.from(op.content, 'utf8'), headers),
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
        apply: (store, ex) => createCheckpoint(store, actor, id, body, reportOf(ex)),
        judge: (sel, ex, outcome) => {
          judgeStatus(sel, ex, outcome, 'lineage.checkpoint-immutable');
          if (outcome.ok) judgeFields(sel, base.label, ex.response.json, { ...(outcome.value as object) }, () => 'lineage.checkpoint-immutable');
        },
      };
    }
    case 'commit': {
      const body = { message: `race commit s${op.session}` };
      return {
        ...base, primary: 'commit.clears-changes', replayKey: null, creates: null,
        send: () => api.commit(id, body),
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
        apply: (store) => deleteSession(store, actor, id, {}),
        judge: (sel, ex, outcome) => judgeStatus(sel, ex, outcome, 'session.delete-final'),
      };
    case 'tags': {
      const body = { add: [...op.add], remove: [...op.remove] };
      const ifMatch = op.ifMatch ? `"${version}"` : undefined;
      return {
        ...base, primary: op.ifMatch ? 'etag.stale-if-match' : 'tags.set-semantics', replayKey: null, creates: null,
        send: () => api.patchTags(id, body, ifMatch ? { 'if-match': ifMatch } : undefined),
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

/** Status, fields and ETag of an answer that carries a session (fork, tags). */
function sessionJudge(sel: Parameters<PreparedOp['judge']>[0], ex: Parameters<PreparedOp['judge']>[1], outcome: Parameters<PreparedOp['judge']>[2], primary: 'lineage.fork-snapshot' | 'tags.set-semantics', label: string): void {
  judgeStatus(sel, ex, outcome, primary);
  if (!outcome.ok) return;
  const value = outcome.value as { version: number };
  judgeFields(sel, label, ex.response.json, { ...value }, sessionFieldInvariant(primary));
  judgeSessionEtag(sel, ex, value.version);
}
