// Replaying scenario steps: every way a step can fail is a failure of that step, never an exception.
import { describe, expect, it } from 'vitest';
import type { MockRequest, MockResponse } from '../http/messages.js';
import { replayScenario } from './replay.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import { MAX_STEP_JSON_DEPTH } from './step-request.js';

const OK: MockResponse = { status: 200, headers: {} };

/** A scenario of one good step followed by `step`, so the failing index is not simply 0. */
function withStep(step: ScenarioStep): Scenario {
  return { name: 's', principals: [{ token: 't', principalId: 'p', tenantId: 'acme' }], defaultToken: 't', steps: [{ method: 'GET', path: '/v1/sessions' }, step] };
}

/** Replays and keeps every request the handler saw. */
function replay(scenario: Scenario, handle: (request: MockRequest) => MockResponse = () => OK) {
  const seen: MockRequest[] = [];
  const result = replayScenario(scenario, (request) => {
    seen.push(request);
    return handle(request);
  });
  return { result, seen };
}

/** `{"a":…}` nested `depth` levels deep, built by JSON.parse (which, unlike recursion, copes with any depth). */
function nested(depth: number): unknown {
  return JSON.parse(`${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`);
}

describe('replayScenario', () => {
  it('sends canonical base64 bodies as their bytes', () => {
    const { result, seen } = replay(withStep({ method: 'PUT', path: '/v1/sessions/x/files/a', base64: 'AAH/YQ==' }));
    expect(result.ok).toBe(true);
    expect(Array.from(seen[1]?.body ?? [])).toEqual([0, 1, 255, 0x61]);
    expect(seen[1]?.headers['content-type']).toBe('application/octet-stream');
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['missing its padding', 'YQ'],
    ['with bits past the last byte', 'YR=='],
    ['with whitespace', 'YQ ==\n'],
  ])('fails the step, without sending it, on base64 %s', (_, base64) => {
    const { result, seen } = replay(withStep({ method: 'PUT', path: '/v1/sessions/x/files/a', base64 }));
    expect(result).toMatchObject({ ok: false, stepIndex: 1 });
    expect(!result.ok && result.message).toMatch(/^step 1 \(PUT \/v1\/sessions\/x\/files\/a\): base64 is not canonical/);
    expect(seen).toHaveLength(1);
  });

  it('fails the step on json nested past the limit instead of overflowing the stack', () => {
    const { result, seen } = replay(withStep({ method: 'POST', path: '/v1/sessions', json: nested(20_000), note: 'deep' }));
    expect(result).toMatchObject({ ok: false, stepIndex: 1, message: `step 1 (deep): json nests more than ${MAX_STEP_JSON_DEPTH} levels deep` });
    expect(seen).toHaveLength(1);
  });

  it('sends json nested right up to the limit, substituted, and fails it one level deeper', () => {
    const json = nested(MAX_STEP_JSON_DEPTH) as { title?: string };
    json.title = '{{id}}';
    const saved: ScenarioStep = { method: 'GET', path: '/v1/sessions', save: { id: '/id' } };
    const scenario: Scenario = { ...withStep(saved), steps: [saved, { method: 'POST', path: '/v1/sessions', json }] };
    const { result, seen } = replay(scenario, () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"ses_1"}' }));
    expect(result.ok).toBe(true);
    expect((JSON.parse(new TextDecoder().decode(seen[1]?.body)) as { title: string }).title).toBe('ses_1');
    expect(replay(withStep({ method: 'POST', path: '/v1/sessions', json: nested(MAX_STEP_JSON_DEPTH + 1) })).result).toMatchObject({ ok: false, stepIndex: 1 });
  });

  it('turns an exception while running a step into a failure of that step', () => {
    const { result } = replay(withStep({ method: 'POST', path: '/v1/sessions' }), (request) => {
      if (request.method === 'POST') throw new Error('handler bug');
      return OK;
    });
    expect(result).toEqual({ ok: false, stepIndex: 1, message: 'step 1 failed: handler bug' });
  });

  it('turns a step the schema would refuse (no checks ran) into a failure of that step', () => {
    const broken = { ...withStep({ method: 'GET', path: '/' }), steps: [{ method: 'GET', path: '/v1/sessions' }, null] } as unknown as Scenario;
    const { result } = replay(broken);
    expect(result).toMatchObject({ ok: false, stepIndex: 1, message: expect.stringMatching(/^step 1 failed: /) as unknown });
  });
});
