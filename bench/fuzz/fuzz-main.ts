/**
 * `npm run fuzz`: the fuzz campaign against our mock (started as a child with the demo fixtures)
 * or `--url` any loopback server with the admin API. Prints counts per operation, status and
 * defect, every 5xx and unanswered request with its index (`--replay I` sends it alone), and
 * whether the exported state is unchanged. Exit 1 on any finding, 2 on a setup error.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { startMock } from '../targets.js';
import { fuzzPassed, runFuzzCampaign, type FuzzResult } from './fuzz-campaign.js';

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [`${title}:`, ...rows.map(([key, n]) => `  ${String(n).padStart(8)}  ${key}`)].join('\n');
}

function report(result: FuzzResult, alive: boolean): string {
  const findings = [...result.serverErrors, ...result.unanswered, ...result.acceptedWrites].slice(0, 20);
  return [
    `fuzz: seed ${result.seed}, ${result.requests} requests in ${result.seconds.toFixed(1)} s (${Math.round(result.requests / result.seconds)}/s), ${Object.keys(result.byTarget).length} routes`,
    table('per route', result.byTarget),
    table('per status', result.byStatus),
    table('per defect', result.byDefect),
    `5xx: ${result.serverErrors.length}   unanswered complete requests: ${result.unanswered.length}   writes accepted: ${result.acceptedWrites.length}   cut short by the campaign: ${result.cut}`,
    `server alive after the campaign: ${alive ? 'yes' : 'NO (crashed)'}`,
    `state before: ${result.stateBefore}\nstate after:  ${result.stateAfter}  (${result.stateBefore === result.stateAfter ? 'unchanged' : 'CHANGED'})`,
    ...findings.map((f) => `  finding: --seed ${result.seed} --replay ${f.index}  ${f.target} ${f.defect} → ${f.status || 'no answer'} ${f.code ?? ''}`),
    fuzzPassed(result) && alive ? 'PASS' : 'FAIL',
  ].join('\n');
}

async function main(): Promise<number> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('fuzz')
    .option('requests', { type: 'number', default: 100_000 })
    .option('seed', { type: 'number', default: 1 })
    .option('concurrency', { type: 'number', default: 16 })
    .option('url', { type: 'string', describe: 'A running loopback server (default: start the mock with the demo fixtures)' })
    .option('replay', { type: 'number', array: true, describe: 'Send only these request indexes' })
    .strict()
    .parseAsync();
  const child = argv.url ? null : await startMock({ pinned: false, reason: 'the fuzz campaign is not a speed measurement' });
  const url = argv.url ?? child?.url ?? '';
  try {
    const result = await runFuzzCampaign({ url, requests: argv.requests, seed: argv.seed, concurrency: argv.concurrency, only: argv.replay });
    const alive = await fetch(`${url}/__admin`).then((r) => r.ok, () => false);
    console.log(report(result, alive));
    return fuzzPassed(result) && alive ? 0 : 1;
  } finally {
    await child?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${(error as Error).message}`);
    process.exit(2);
  },
);
