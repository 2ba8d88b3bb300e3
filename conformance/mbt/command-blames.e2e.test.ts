/**
 * Issue 11, "a failure names the rule that broke": every command reports, for each of its checks,
 * the invariant its check → id table (`blames`) names. For every command class in
 * `mbt/commands/`, a short fixed step list is played against a proxy in front of the built mock
 * (no fast-check: the same `check`/`run` the suite uses); the proxy's rule is armed only for the
 * step under test and corrupts one of its answers in one way. The row asserts the violation's id
 * is the table's for that check, and that it is one the table declares. A control row per case
 * plays the same steps un-armed and passes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvariantSelection } from '../invariants/selection.js';
import { InvariantViolation, type ViolationData } from '../invariants/violation.js';
import { startProxy, type Proxy, type ProxyRule } from '../test-support/broken-proxy.js';
import type { BlameCase, Break } from '../test-support/blame-case.js';
import { CONTENT_ROWS } from '../test-support/blame-rows-content.js';
import { LINEAGE_ROWS } from '../test-support/blame-rows-lineage.js';
import { SURFACE_ROWS } from '../test-support/blame-rows-surfaces.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';
import { blamedIds } from './blames.js';
import { connect, type Connected } from './connect.js';
import { newRun } from './suite-model.js';

const CASES: readonly BlameCase[] = [...CONTENT_ROWS, ...LINEAGE_ROWS, ...SURFACE_ROWS];

let mock: TestMock;
let proxy: Proxy;
let connected: Connected;
/** The rule of the row being played, armed only while its step under test runs. */
let armedRule: ProxyRule | null = null;

beforeAll(async () => {
  mock = await startMock();
  proxy = await startProxy(mock.url, (req, forward) => (armedRule ? armedRule(req, forward) : forward(req)));
  connected = await connect({ baseUrl: proxy.url, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, otherTenantToken: DEMO_TOKENS.otherTenant, selection: new InvariantSelection() });
});
afterAll(async () => {
  await connected.client.close();
  await proxy.close();
  await mock.close();
});

/** Plays the case's setup un-armed, then its step with `broken` armed; the violation, or null. */
async function play(c: BlameCase, broken: Break | null): Promise<ViolationData | null> {
  const { model, real } = newRun(connected.ctx);
  for (const step of c.setup) {
    expect(step.check(model), `${c.name}: setup ${step.toString()} applies`).toBe(true);
    await step.run(model, real);
  }
  expect(c.step.check(model), `${c.name}: ${c.step.toString()} applies`).toBe(true);
  armedRule = broken ? broken.rule(model) : null;
  try {
    await c.step.run(model, real);
    return null;
  } catch (error) {
    if (error instanceof InvariantViolation) return error.data;
    throw error;
  } finally {
    armedRule = null;
  }
}

/** How a break prints in the test name. */
function checkName(broken: Break): string {
  return typeof broken.check === 'string' ? broken.check : `a reused ${broken.check.reused} id`;
}

const breaks = CASES.flatMap((c) => c.breaks.map((broken) => [`${c.name} (${c.step.toString()}): ${checkName(broken)}`, c, broken] as const));

describe('each command blames the invariant its table names for each check', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('control: %s passes against the un-armed proxy', async (_name, c) => {
    expect(await play(c, null)).toBeNull();
  });

  test.each(breaks)('%s', async (_name, c, broken) => {
    const table = c.step.blames;
    const want = typeof broken.check === 'string' ? table.checks[broken.check] : table.reusedIds[broken.check.reused];
    expect(want, `${checkName(broken)} is a check of ${c.name}'s table`).toBeDefined();
    const got = await play(c, broken);
    expect(got?.invariant, got?.message ?? 'no violation').toBe(want);
    expect(blamedIds(table).has(got?.invariant ?? 'model.status'), 'the id is one the table declares').toBe(true);
  });

  test('a server id checked new counts as a check of the rule a reused one breaks (ids.fresh is exercised)', () => {
    expect(connected.ctx.selection.checkCounts().get('ids.fresh') ?? 0).toBeGreaterThan(0);
  });

  test('every command class in mbt/commands/ has a case', () => {
    const dir = new URL('./commands/', import.meta.url);
    const classes = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/export class (\w+) extends (?:Suite|Session)Command/g)].map((m) => m[1] as string));
    expect(classes.length).toBeGreaterThanOrEqual(28);
    const covered = new Set(CASES.map((c) => c.step.constructor.name));
    expect(classes.filter((name) => !covered.has(name))).toEqual([]);
  });
});
