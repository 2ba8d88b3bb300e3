/**
 * Reports of a failing run: JSON, JUnit, and a trace that validates against the scenario schema,
 * loads into the mock as a fixture and replays there with the statuses a correct server gives.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { replayCommand } from '../cli/replay-command.js';
import { InvariantSelection } from '../invariants/selection.js';
import { connect } from '../mbt/connect.js';
import { runSuite } from '../mbt/run-suite.js';
import { BROKEN_SERVERS } from '../test-support/broken-servers.js';
import { startProxy } from '../test-support/broken-proxy.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';
import { writeReports } from './write-reports.js';

let mock: TestMock;
let dir: string;
beforeAll(async () => {
  mock = await startMock();
  dir = await mkdtemp(join(tmpdir(), 'conformance-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

test('a failing run writes JSON, JUnit, a schema-valid trace that loads into the mock, and replay runs it', async () => {
  const broken = BROKEN_SERVERS.find((b) => b.breaks === 'lineage.fork-isolation');
  if (!broken) throw new Error('no fork aliasing server');
  const proxy = await startProxy(mock.url, broken.rule());
  const selection = new InvariantSelection();
  const { client, ctx } = await connect({ baseUrl: proxy.url, token: DEMO_TOKENS.owner, viewerToken: DEMO_TOKENS.viewer, selection });
  try {
    const result = await runSuite(client, ctx, { seed: 7, runs: 100, maxCommands: 25, timeLimitMs: 15_000 });
    expect(result.failure?.violation.invariant).toBe('lineage.fork-isolation');
    const principals = [ctx.owner, ctx.viewer].flatMap((p) => (p ? [{ token: p.api.token ?? '', principalId: p.principal.principalId, tenantId: p.principal.tenantId }] : []));
    const meta = {
      baseUrl: proxy.url, profile: 'test', contractVersion: '1', contractSha256: 'x', toolVersion: '0', server: { name: null, version: null, source: 'none', header: null },
      startedAt: new Date().toISOString(), plannedRuns: 100, maxCommands: 25, operationIds: [...ctx.contract.operations.keys()],
    };
    await writeReports(dir, { result, enabled: new Set(selection.ids()), meta, principals });
  } finally {
    await client.close();
    await proxy.close();
  }
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { passed: boolean; failure: { invariant: string; steps: string[] } };
  expect(report.passed).toBe(false);
  expect(report.failure.invariant).toBe('lineage.fork-isolation');
  expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain('<failure message=');
  const script = await readFile(join(dir, 'replay.sh'), 'utf8');
  expect(script).toContain('curl -sS');
  // The HTML page shows the violated invariant, the shrunk steps, seed and path, the curl script and links the trace.
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  expect(html).toContain('Violated: <code>lineage.fork-isolation</code>');
  for (const step of report.failure.steps) expect(html).toContain(`<li><code>${step.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</code></li>`);
  expect(html).toContain('<a href="trace.json">trace.json</a>');
  expect(html).toContain('curl -sS');
  const trace = JSON.parse(await readFile(join(dir, 'trace.json'), 'utf8')) as unknown;
  const schema = JSON.parse(await readFile('fixtures/scenario.schema.json', 'utf8')) as object;
  const validate = new Ajv2020({ strict: false }).compile(schema);
  expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
  // The trace loads into the (correct) mock as a fixture: every step answers its expectStatus.
  const fixtureDir = join(dir, 'fixture');
  await mkdir(fixtureDir);
  await writeFile(join(fixtureDir, 'scenario.json'), JSON.stringify(trace));
  // startMock rejects when the mock refuses to start, which a failing fixture step makes it do.
  const loaded = await startMock(fixtureDir);
  await loaded.close();
  // And `replay` runs it against a fresh mock.
  const lines: string[] = [];
  const code = await replayCommand(join(dir, 'trace.json'), mock.url, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  expect(lines.length).toBeGreaterThan(2);
  expect([0, 1]).toContain(code);
});
