#!/usr/bin/env node
/**
 * `session-conformance`: certifies a Session API server against the semantics.
 *   run     — the model-based suite (without --base-url: against the embedded demo mock)
 *   replay  — a failing trace against any server
 *   verify  — a certification bundle against its manifest
 *   merge-reports — the reports of a run's shards into one
 * Exit codes: 0 pass, 1 violation, 2 usage, contract or connection error, 3 incomplete.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { replayCommand } from './cli/replay-command.js';
import { verifyCommand } from './cli/verify-command.js';
import { mergeReportsCommand } from './cli/merge-reports-command.js';
import { runCommand, type Output } from './cli/run-command.js';
import { CONCURRENCY_LIMITS, PROFILES, type ProfileName } from './cli/profiles.js';
import { INVARIANTS } from './invariants/catalogue.js';

const output: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

async function main(): Promise<number> {
  let code = 0;
  await yargs(hideBin(process.argv))
    .scriptName('session-conformance')
    .usage('$0 <command> [options]')
    .command('run', 'Run the model-based conformance suite', (y) => y
      .option('base-url', { type: 'string', describe: 'Server to test (default: start the embedded demo mock)' })
      .option('token', { type: 'string', describe: 'Bearer token of the principal the suite acts as' })
      .option('other-tenant-token', { type: 'string', describe: 'A token of another tenant (tenant isolation checks)' })
      .option('viewer-token', { type: 'string', describe: 'A non-admin token of the same tenant (viewer checks)' })
      .option('seed', { type: 'number', describe: 'fast-check seed (random by default; printed)' })
      .option('path', { type: 'string', describe: 'fast-check replay path of a failure (with its --seed)' })
      .option('runs', { type: 'number', describe: 'Number of generated runs (overrides the profile)' })
      .option('max-commands', { type: 'number', describe: 'Most steps per run (overrides the profile)' })
      .option('concurrency', { type: 'number', describe: `Runs in flight at once, each on its own sessions (default: the profile's, ${CONCURRENCY_LIMITS.min}–${CONCURRENCY_LIMITS.max})` })
      .option('profile', { choices: Object.keys(PROFILES), default: 'quick', describe: 'quick | ci | certified' })
      .option('only', { type: 'string', array: true, describe: `Invariant ids to enforce (prefix.* allowed): ${INVARIANTS.map((i) => i.id).join(', ')}` })
      .option('skip', { type: 'string', array: true, describe: 'Invariant ids to leave out' })
      .option('report-dir', { type: 'string', describe: 'Write report.json, junit.xml, report.html and on failure trace.json and replay.sh here (certified: also certification/)' })
      .option('server-name', { type: 'string', describe: 'The server\'s name for reports (default: its Server response header)' })
      .option('server-version', { type: 'string', describe: 'The server\'s version for reports (default: its Server response header)' })
      .option('shard', { type: 'string', describe: 'i/n: make only shard i of n of the runs (same --seed on every shard; merge with merge-reports)' })
      .option('require-complete', { type: 'boolean', describe: 'Exit 3 when fewer runs than planned were made (certified always does)' })
      .check((a) => {
        for (const n of ['seed', 'runs', 'max-commands'] as const) if (a[n] !== undefined && (!Number.isInteger(a[n]) || (a[n]) < 0)) throw new Error(`--${n} must be a non-negative integer`);
        if (a.concurrency !== undefined && (!Number.isInteger(a.concurrency) || a.concurrency < CONCURRENCY_LIMITS.min || a.concurrency > CONCURRENCY_LIMITS.max)) throw new Error(`--concurrency must be an integer from ${CONCURRENCY_LIMITS.min} to ${CONCURRENCY_LIMITS.max}`);
        return true;
      }), async (a) => {
      code = await runCommand({
        baseUrl: a['base-url'], token: a.token, otherTenantToken: a['other-tenant-token'], viewerToken: a['viewer-token'],
        seed: a.seed, runs: a.runs, maxCommands: a['max-commands'], concurrency: a.concurrency, path: a.path, profile: a.profile as ProfileName,
        only: list(a.only), skip: list(a.skip), reportDir: a['report-dir'], serverName: a['server-name'], serverVersion: a['server-version'],
        shard: a.shard, requireComplete: a['require-complete'],
      }, output);
    })
    .command('replay <trace>', 'Replay a trace.json against a server', (y) => y
      .positional('trace', { type: 'string', demandOption: true })
      .option('base-url', { type: 'string', demandOption: true }), async (a) => {
      code = await replayCommand(a.trace, a['base-url'], output);
    })
    .command('merge-reports <dirs..>', 'Merge the report directories of every shard of one run into one', (y) => y
      .positional('dirs', { type: 'string', array: true, demandOption: true })
      .option('out', { type: 'string', demandOption: true, describe: 'Directory for the merged reports (and certification/ for certified shards)' }), async (a) => {
      code = await mergeReportsCommand(a.dirs.map(String), a.out, output);
    })
    .command('verify <dir>', 'Check a certification bundle against its manifest.json', (y) => y
      .positional('dir', { type: 'string', demandOption: true }), async (a) => {
      code = await verifyCommand(a.dir, output);
    })
    .demandCommand(1)
    .strict()
    .fail((message, error) => {
      console.error(`usage: ${error?.message ?? message}`);
      process.exit(2);
    })
    .help()
    .parseAsync();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
