/** `replayCheckpoint(s0)`: the same Idempotency-Key replays; another body with it is 422. */
import { canonicalJson } from '../../model/environment-spec.js';
import { createCheckpoint, listCheckpoints } from '../../model/ops-lineage.js';
import { judgeStatus } from '../judge.js';
import { reportOf, nextKey } from '../step-helpers.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';
import { blameTable } from '../blames.js';

/** Check → id: every check is the replay rule's. */
export const REPLAY_BLAMES = blameTable({
  'status of the first request': 'idempotency.replay',
  'the retry replays the first answer': 'idempotency.replay',
  'the key with another body is 422': 'idempotency.replay',
  'one checkpoint made': 'idempotency.replay',
});

/** Creates a checkpoint, retries it with the same key, then misuses the key. */
export class IdempotentReplayCommand extends SessionCommand {
  readonly blames = REPLAY_BLAMES;

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.checkpoints.length < 4;
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const sel = ctx.selection;
    const api = ctx.owner.api;
    const id = this.sessionId(model);
    const key = { 'idempotency-key': nextKey(model) };
    const label = `retry${model.keys}`;
    const first = await api.createCheckpoint(id, { label }, key);
    const expected = createCheckpoint(model.store, ctx.owner.principal, id, { label }, reportOf(first));
    judgeStatus(sel, first, expected, 'idempotency.replay');
    if (!expected.ok) return;
    model.checkpoints.push(expected.value.id);
    const second = await api.createCheckpoint(id, { label }, key);
    sel.expect(second.response.status === first.response.status && canonicalJson(second.response.json) === canonicalJson(first.response.json), 'idempotency.replay', `${this.toString()}: the retry did not replay the first response`, first.response.json, second.response.json);
    const reused = await api.createCheckpoint(id, { label: `${label}-other` }, key);
    sel.expect(reused.response.status === 422, 'idempotency.replay', `${this.toString()}: the key with another body answered ${reused.response.status}, not 422`, 422, reused.response.status);
    const listed = await api.listCheckpoints(id, { limit: 200 });
    const want = listCheckpoints(model.store, ctx.owner.principal, id);
    const got = (listed.response.json as { items?: unknown[] } | undefined)?.items ?? [];
    sel.expect(want.ok && got.length === want.value.length, 'idempotency.replay', `${this.toString()}: ${got.length} checkpoints exist, expected ${want.ok ? want.value.length : '?'}`);
  }

  toString(): string {
    return `replayCheckpoint(${sLabel(this.session)})`;
  }
}
