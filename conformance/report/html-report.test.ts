/**
 * The HTML report is self-contained and escapes everything the server sent; the certification
 * bundle's manifest catches any change to a published file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyCommand } from '../cli/verify-command.js';
import type { SuiteResult } from '../mbt/run-suite.js';
import { INVARIANTS } from '../invariants/catalogue.js';
import { writeCertification } from './certification.js';
import { htmlReport } from './html-report.js';
import { jsonReport, type ReportMeta } from './json-report.js';
import { verifyManifest } from './manifest.js';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const meta: ReportMeta = {
  baseUrl: 'http://127.0.0.1:1/"><script>', profile: 'certified', contractVersion: '1.0.0', contractSha256: 'ab'.repeat(32), toolVersion: '0.1.0',
  server: { name: 'acme<b>', version: '2.0', source: 'server-header', header: `acme<b>/2.0 ${HOSTILE}` },
  startedAt: '2026-01-01T00:00:00.000Z', plannedRuns: 10, maxCommands: 5, operationIds: ['createSession', 'getSession', 'listCommits'],
};

const base = { seed: 42, runs: 10, plannedRuns: 10, commands: 37, exchanges: 120, durationMs: 1234, interrupted: false, coverage: new Map([['createSession 201', 10], ['getSession 200', 100], ['getSession 404', 9], ['unmatched 404', 1]]), checks: new Map([['model.status', 12], ['contract.body-schema', 40]]) };
const passing: SuiteResult = { ...base, passed: true, failure: null };
const failing: SuiteResult = {
  ...base, passed: false,
  failure: {
    violation: { invariant: 'contract.body-schema', message: `GET /v1/sessions/x → 200: ${HOSTILE}`, expected: { title: 'a' }, actual: { status: 200, body: { title: HOSTILE } } },
    steps: ['create(files=[a="1\\n"])', `write(s0, a=${HOSTILE})`], seed: 42, path: '3:1', trace: [], numShrinks: 4,
  },
};

describe('report.html', () => {
  test('a failure page shows the invariant, expected vs actual, steps, replay, curl and trace link, all escaped', () => {
    const html = htmlReport(jsonReport(failing, new Set(['contract.body-schema', 'model.status']), meta), { trace: 'trace.json', replayScript: 'replay.sh', curlScript: `curl '${HOSTILE}'` });
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Violated: <code>contract.body-schema</code>');
    expect(html).toContain('<h3>Shrunk steps (2, after 4 shrinks)</h3>');
    expect(html).toContain("--seed 42 --path '3:1'");
    expect(html).toContain('<a href="trace.json">trace.json</a>');
    expect(html).toMatch(/<th>expected<\/th><td><pre>\{\n {2}&quot;title&quot;: &quot;a&quot;\n\}<\/pre>/);
    // Self-contained: nothing is loaded from anywhere.
    expect(html).not.toMatch(/<[a-z]+[^>]*\ssrc=|<[a-z]+[^>]*\shref=["']?[a-z]+:|<link|<script|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // One row per invariant, with its status.
    expect(html).toContain('<td class="failed">failed</td><th><code>contract.body-schema</code></th>');
    expect(html).toContain('<td class="passed">passed</td><th><code>model.status</code></th>');
    expect(html).toContain('<td class="skipped">skipped</td><th><code>merge.soundness</code></th>');
  });

  test('a pass page has the summary and a coverage table of operations × statuses, unexercised ones included', () => {
    const report = jsonReport(passing, new Set(['model.status']), meta);
    const html = htmlReport(report, { trace: null, replayScript: null, curlScript: null });
    expect(html).toContain('<h1>Session API conformance: PASS</h1>');
    for (const label of ['server', 'seed', 'profile', 'runs', 'commands', 'commands/s', 'duration']) expect(html).toContain(`<th>${label}</th>`);
    expect(html).toContain('<td>30</td>'); // 37 commands / 1.234 s
    expect(html).not.toContain('id="failure"');
    expect(report.coverageTable.statuses).toEqual([200, 201, 404]);
    expect(report.coverageTable.rows.map((r) => [r.operationId, r.total])).toEqual([['createSession', 10], ['getSession', 109], ['listCommits', 0], ['unmatched', 1]]);
    expect(report.coverageTable.exercised).toBe(2);
    expect(html).toContain('2 of 3 operations exercised');
    expect(html).toContain('<tr class="none"><th><code>listCommits</code></th><td>0</td>');
  });

  test('an invariant checked zero times reads "not exercised"; a run cut short reads INCOMPLETE in the header', () => {
    const html = htmlReport(jsonReport({ ...passing, runs: 3, interrupted: true }, new Set(['model.status', 'list.complete']), meta), { trace: null, replayScript: null, curlScript: null });
    expect(html).toContain('<header class="incomplete"><h1>Session API conformance: PASS (INCOMPLETE: 3 of 10 runs made, time limit)</h1>');
    expect(html).toContain('<td class="not-exercised">not exercised</td><th><code>list.complete</code></th><td>0</td>');
    expect(html).toContain('<td class="passed">passed</td><th><code>model.status</code></th><td>12</td>');
    expect(html).toContain(`1 passed, 0 failed, ${INVARIANTS.length - 2} skipped, 1 not exercised.`);
  });
});

describe('certification bundle', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'cert-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });
  const principals = [{ token: 't', principalId: 'usr_a', tenantId: 'acme' }];

  test('holds the reports, a certificate and a manifest; verify catches a changed, missing or added file', async () => {
    const bundle = await writeCertification(dir, { result: passing, enabled: new Set(['model.status']), meta, principals }, 'session-api-toolkit', { runs: 10, maxCommands: 5 });
    expect(bundle.certificate).toMatchObject({ result: 'certified', toolkit: { name: 'session-api-toolkit', version: '0.1.0' }, contract: { sha256: meta.contractSha256 }, server: { name: 'acme<b>', version: '2.0' } });
    const manifest = JSON.parse(await readFile(join(bundle.dir, 'manifest.json'), 'utf8')) as { files: Array<{ path: string }> };
    expect(manifest.files.map((f) => f.path)).toEqual(['certificate.json', 'junit.xml', 'report.html', 'report.json']);
    expect((await verifyManifest(bundle.dir)).ok).toBe(true);
    const lines: string[] = [];
    const out = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await verifyCommand(bundle.dir, out)).toBe(0);
    expect(lines.join('\n')).toContain(`manifest.json sha256 ${bundle.manifestSha256}`);

    await writeFile(join(bundle.dir, 'report.json'), '{"passed":true}\n');
    await writeFile(join(bundle.dir, 'extra.txt'), 'x');
    await rm(join(bundle.dir, 'junit.xml'));
    const check = await verifyManifest(bundle.dir);
    expect(check.problems).toEqual(['junit.xml: missing', 'report.json: content differs from the manifest', 'extra.txt: not in the manifest']);
    expect(await verifyCommand(bundle.dir, out)).toBe(1);
    expect(await verifyCommand(join(dir, 'nowhere'), out)).toBe(2);
  });

  test('a run below the certified budget or cut short is incomplete; a failure is failed and carries the trace', async () => {
    const small = await writeCertification(dir, { result: passing, enabled: new Set(['model.status']), meta, principals }, 'x', { runs: 1500, maxCommands: 40 });
    expect(small.certificate.result).toBe('incomplete');
    const cut = await writeCertification(dir, { result: { ...passing, interrupted: true }, enabled: new Set(['model.status']), meta, principals }, 'x', { runs: 10, maxCommands: 5 });
    expect(cut.certificate.result).toBe('incomplete');
    const failed = await writeCertification(dir, { result: failing, enabled: new Set(['contract.body-schema']), meta, principals }, 'x', { runs: 10, maxCommands: 5 });
    expect(failed.certificate).toMatchObject({ result: 'failed', failure: { invariant: 'contract.body-schema' } });
    expect((await verifyManifest(failed.dir)).checked).toBe(6);
  });
});
