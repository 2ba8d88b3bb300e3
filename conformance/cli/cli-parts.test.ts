/** Unit tests of the CLI's parts: server identity, toolkit version, progress display, run plan. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createProgress, isLive } from './progress.js';
import { planRun, type RunArgs } from './run-plan.js';
import { parseServerHeader, resolveIdentity } from './server-identity.js';
import { toolInfo } from './tool-version.js';

describe('server identity', () => {
  test('the first product of the Server header is the name and version', () => {
    expect(parseServerHeader('acme-sessions/2.4.1 (linux) node/20')).toEqual({ name: 'acme-sessions', version: '2.4.1' });
    expect(parseServerHeader('nginx')).toEqual({ name: 'nginx', version: null });
    expect(parseServerHeader('')).toBeNull();
    expect(parseServerHeader(null)).toBeNull();
  });

  test('flags override the header field by field; the embedded mock is known; nothing declared is none', () => {
    expect(resolveIdentity({}, 'acme/2.4.1', null)).toEqual({ name: 'acme', version: '2.4.1', source: 'server-header', header: 'acme/2.4.1' });
    expect(resolveIdentity({ version: '2.4.1-rc1' }, 'acme/2.4.1', null)).toMatchObject({ name: 'acme', version: '2.4.1-rc1', source: 'flags+server-header' });
    expect(resolveIdentity({ name: 'x', version: '1' }, 'acme/2.4.1', null)).toMatchObject({ name: 'x', version: '1', source: 'flags' });
    expect(resolveIdentity({}, null, { name: 'session-mock', version: '0.1.0' })).toMatchObject({ name: 'session-mock', version: '0.1.0', source: 'embedded-mock' });
    expect(resolveIdentity({}, null, null)).toEqual({ name: null, version: null, source: 'none', header: null });
  });
});

test('the toolkit version is package.json\'s, found from the module', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
  expect(toolInfo()).toEqual({ name: pkg.name, version: pkg.version });
});

describe('progress', () => {
  const sink = (isTTY: boolean): { isTTY: boolean; text: string; write(s: string): boolean } => ({ isTTY, text: '', write(s) { this.text += s; return true; } });

  test('a terminal gets one rewritten line; a pipe or CI gets plain lines every 10 %', () => {
    expect(isLive({ isTTY: true }, {})).toBe(true);
    expect(isLive({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(isLive({ isTTY: true }, { CI: '1' })).toBe(false);
    expect(isLive({ isTTY: false }, {})).toBe(false);
    const tty = sink(true);
    const live = createProgress(tty, {}, () => 0);
    for (let i = 1; i <= 20; i += 1) live.update(i, 20);
    live.end();
    expect(tty.text).toContain('\r\x1b[K  run 20/20 (100 %)');
    expect(tty.text).not.toContain('\n');
    const ci = sink(true);
    const plain = createProgress(ci, { CI: 'true' });
    for (let i = 1; i <= 20; i += 1) plain.update(i, 20);
    plain.end();
    expect(ci.text.split('\n').filter(Boolean)).toEqual(['progress: 1/20 runs', ...Array.from({ length: 10 }, (_, k) => `progress: ${(k + 1) * 2}/20 runs`)]);
  });
});

describe('run plan', () => {
  const args = (extra: Partial<RunArgs>): RunArgs => ({ profile: 'quick', only: [], skip: [], ...extra });
  test('the certified profile allows no --only/--skip and needs a report dir and every token', () => {
    expect(planRun(args({ profile: 'certified', skip: ['merge.*'], reportDir: 'r' }))).toEqual({ usage: 'the certified profile allows no --only or --skip' });
    expect(planRun(args({ profile: 'certified' }))).toMatchObject({ usage: expect.stringContaining('--report-dir') });
    expect(planRun(args({ profile: 'certified', reportDir: 'r', baseUrl: 'http://x', token: 't' }))).toMatchObject({ usage: expect.stringContaining('--viewer-token') });
    expect(planRun(args({ profile: 'certified', reportDir: 'r' }))).toMatchObject({ certified: true, runs: 1500, maxCommands: 40 });
    expect(planRun(args({ only: ['nope'] }))).toEqual({ usage: 'unknown invariant nope' });
    expect(planRun(args({ baseUrl: 'http://x' }))).toEqual({ usage: '--token is required with --base-url' });
  });
});
