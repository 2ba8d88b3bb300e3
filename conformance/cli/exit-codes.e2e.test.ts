/**
 * The built CLI (`node dist/conformance/cli.js`, as CI runs it): exit 0 on a pass, 1 on a
 * violation, 2 on usage, contract, setup or connection errors, 3 on an incomplete run (certified,
 * or with --require-complete); plain progress lines off a
 * terminal; reports and the certification bundle on disk. `npm test` builds first (pretest).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INVARIANTS } from '../invariants/catalogue.js';
import { startProxy } from '../test-support/broken-proxy.js';
import { CLI, cli, ROOT, type Ran } from '../test-support/run-cli.js';
import { DEMO_TOKENS, startMock, type TestMock } from '../test-support/start-mock.js';

let dir: string;
let mock: TestMock;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-exit-'));
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

const tokens = ['--token', DEMO_TOKENS.owner, '--viewer-token', DEMO_TOKENS.viewer, '--other-tenant-token', DEMO_TOKENS.otherTenant];

describe('exit codes of the built CLI', () => {
  test('0: a pass against the embedded mock, with plain progress lines off a terminal and every report file', async () => {
    const reports = join(dir, 'pass');
    const ran = await cli(['run', '--runs', '4', '--max-commands', '8', '--seed', '3', '--report-dir', reports]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^PASS {2}4 runs, \d+ commands, \d+ requests in [\d.]+ s \(\d+ commands\/s\), seed 3$/m);
    expect(ran.stderr).toContain('progress: 4/4 runs\n');
    expect(ran.stderr).not.toContain('\r');
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8')) as { passed: boolean; server: { name: string; source: string }; invariants: Array<{ id: string; status: string; checks: number }> };
    // The mock declares itself in its Server header, which wins over the embedded default.
    expect(report).toMatchObject({ passed: true, outcome: 'passed', runs: 4, plannedRuns: 4, server: { name: 'session-mock', source: 'server-header' } });
    expect(await readFile(join(reports, 'report.html'), 'utf8')).toContain('<h1>Session API conformance: PASS</h1>');
    // Four short runs leave some invariants unchecked: those are skipped as "not exercised", the rest passed with their counts.
    const idle = report.invariants.filter((i) => i.status === 'not-exercised');
    expect(report.invariants.every((i) => (i.status === 'passed') === (i.checks > 0))).toBe(true);
    const junit = await readFile(join(reports, 'junit.xml'), 'utf8');
    expect(junit).toContain(`<testsuite name="session-conformance" tests="${INVARIANTS.length}" failures="0" skipped="${idle.length}"`);
    expect(junit.match(/not exercised: checked 0 times/g) ?? []).toHaveLength(idle.length);
    if (idle.length > 0) expect(ran.stdout).toContain(`not exercised (checked 0 times, so not passed either): ${idle.map((i) => i.id).join(', ')}`);
  });

  // `script` runs the CLI on a pseudo-terminal, as a developer would.
  test.runIf(existsSync('/usr/bin/script'))('on a terminal: a live progress line; with CI=true on a terminal: plain lines', async () => {
    const onTty = (ci: string): Promise<Ran> => cli(['-qec', `CI=${ci} ${process.execPath} ${CLI} run --runs 3 --max-commands 4`, '/dev/null'], {}, '/usr/bin/script');
    const live = await onTty('');
    expect(live.code).toBe(0);
    expect(live.stdout).toContain('\r\x1b[K  run 3/3 (100 %)');
    expect(live.stdout).not.toContain('progress:');
    const ci = await onTty('true');
    expect(ci.stdout).toContain('progress: 3/3 runs');
    expect(ci.stdout).not.toContain('\x1b[K');
  });

  test('3: a certified run below its budget is incomplete; its bundle names contract and catalogue and verifies', async () => {
    const reports = join(dir, 'cert');
    const ran = await cli(['run', '--profile', 'certified', '--runs', '2', '--max-commands', '5', '--report-dir', reports]);
    expect(ran.code, ran.stderr).toBe(3);
    expect(ran.stdout).toContain('certification: INCOMPLETE — session-mock 0.1.0');
    expect(ran.stdout).toContain('NOT CERTIFIED: 2 of 2 runs of up to 5 steps made, the certified budget is 1500 × 40 (--runs/--max-commands lowered it)');
    const cert = JSON.parse(await readFile(join(reports, 'certification/certificate.json'), 'utf8')) as { catalogue: { ids: string[]; sha256: string } };
    expect(cert).toMatchObject({ format: 'session-conformance-certificate/2', result: 'incomplete', budget: { runs: 1500, maxCommands: 40 }, toolkit: { name: 'session-api-toolkit', version: '0.1.0' }, contract: { version: '1.0.0' }, server: { name: 'session-mock' }, shard: null });
    expect(cert.catalogue.ids).toHaveLength(INVARIANTS.length);
    expect(cert.catalogue.sha256).toMatch(/^[0-9a-f]{64}$/);
    const verified = await cli(['verify', join(reports, 'certification')]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('verify: OK, 4 files match the manifest');
    expect(verified.stdout).toContain("(the same contract as this toolkit's)");
    expect(verified.stdout).toContain(`catalogue: sha256 ${cert.catalogue.sha256} (${INVARIANTS.length} invariants, the same as this toolkit's)`);
  });

  test('3: a run cut short by its time limit with --require-complete (a slow server); its reports say how many runs were made', async () => {
    const slow = await startMock();
    const reports = join(dir, 'slow');
    try {
      // 50 ms per request, one run at a time: the quick profile's 25 runs need about a minute,
      // its time limit is 20 s.
      const faults = await fetch(`${slow.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latency: { minMs: 50, maxMs: 50 }, errors: [] }) });
      expect(faults.status).toBe(200);
      const ran = await cli(['run', '--base-url', slow.url, ...tokens, '--seed', '2', '--concurrency', '1', '--require-complete', '--report-dir', reports]);
      expect(ran.code, ran.stderr).toBe(3);
      expect(ran.stdout).toMatch(/^PASS \(INCOMPLETE: \d+ of 25 runs made, time limit\) {2}\d+ runs, /m);
    } finally {
      await slow.close();
    }
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8')) as { runs: number };
    expect(report).toMatchObject({ outcome: 'incomplete', passed: true, interrupted: true, plannedRuns: 25 });
    expect(report.runs).toBeLessThan(25);
    expect(await readFile(join(reports, 'junit.xml'), 'utf8')).toContain(`<skipped message="INCOMPLETE: ${report.runs} of 25 runs made, time limit"/>`);
    expect(await readFile(join(reports, 'report.html'), 'utf8')).toContain(`<h1>Session API conformance: PASS (INCOMPLETE: ${report.runs} of 25 runs made, time limit)</h1>`);
  }, 90_000);

  test('1: a violation (every fork answers 500), with the failure reports and the flags\' server identity', async () => {
    const broken = await startMock();
    const reports = join(dir, 'fail');
    try {
      const faults = await fetch(`${broken.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ operationId: 'forkSession', status: 500, rate: 1 }] }) });
      expect(faults.status).toBe(200);
      const ran = await cli(['run', '--base-url', broken.url, ...tokens, '--runs', '5', '--seed', '1', '--report-dir', reports, '--server-name', 'acme', '--server-version', '9.9']);
      expect(ran.code, ran.stderr).toBe(1);
      expect(ran.stdout).toContain('FAIL  invariant contract.no-5xx');
    } finally {
      await broken.close();
    }
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ passed: false, failure: { invariant: 'contract.no-5xx' }, server: { name: 'acme', version: '9.9', source: 'flags' } });
    for (const file of ['trace.json', 'replay.sh', 'junit.xml']) await expect(readFile(join(reports, file), 'utf8')).resolves.toBeTruthy();
    expect(await readFile(join(reports, 'report.html'), 'utf8')).toContain('Violated: <code>contract.no-5xx</code>');
  });

  test.each([
    ['a bad option value', ['run', '--runs', '-1'], 'usage: --runs must be a non-negative integer'],
    ['an unknown option', ['run', '--bogus'], 'usage: Unknown argument: bogus'],
    ['no command', [], 'usage: '],
    ['an unknown invariant', ['run', '--only', 'nope.*'], 'usage: unknown invariant nope.*'],
    ['a bad shard', ['run', '--shard', '4/3'], 'usage: --shard must be i/n with 1 ≤ i ≤ n'],
    ['a shard without a seed', ['run', '--shard', '1/3'], 'usage: --shard needs --seed'],
    ['merge-reports without --out', ['merge-reports', 'a', 'b'], 'usage: Missing required argument: out'],
    ['--skip with certified', ['run', '--profile', 'certified', '--skip', 'merge.*', '--report-dir', 'x'], 'usage: the certified profile allows no --only or --skip'],
    ['--base-url without --token', ['run', '--base-url', 'http://127.0.0.1:9'], 'usage: --token is required with --base-url'],
    ['an unreachable server', ['run', '--base-url', 'http://127.0.0.1:9', '--token', 't'], 'error: POST /v1/sessions: connect ECONNREFUSED'],
  ])('2: %s', async (_name, args, message) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
  });

  test('2: a refused token, and certified against a server that declares no name/version', async () => {
    const refused = await cli(['run', '--base-url', mock.url, '--token', 'nope']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error: the main token was refused (401)');
    // The mock sends `Server: session-mock/<version>`; a proxy that strips it makes an anonymous server.
    const anonymousServer = await startProxy(mock.url, async (req, forward) => {
      const res = await forward(req);
      const { server: _server, ...headers } = res.headers;
      return { ...res, headers };
    });
    try {
      const anonymous = await cli(['run', '--base-url', anonymousServer.url, ...tokens, '--profile', 'certified', '--report-dir', join(dir, 'anon')]);
      expect(anonymous.code).toBe(2);
      expect(anonymous.stderr).toContain('usage: the certified profile needs the server\'s name and version');
    } finally {
      await anonymousServer.close();
    }
  });

  test('2: an unreadable contract', async () => {
    const copy = join(dir, 'broken-contract');
    await cp(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(copy, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    await mkdir(join(copy, 'contract'));
    await writeFile(join(copy, 'contract/openapi.yaml'), 'openapi: [3.1\n');
    const ran = await cli(['run', '--base-url', mock.url, '--token', DEMO_TOKENS.owner], {}, join(copy, 'dist/conformance/cli.js'));
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^error: /m);
  });
});
