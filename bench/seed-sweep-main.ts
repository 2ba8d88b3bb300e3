/**
 * `npm run sweep:seeds`: the `ci` profile against the embedded mock on seeds 1–20 (`--seeds 1-20`
 * or `--seeds 3,7,11`, `--profile`, `--runs`). Prints a line per seed and `N passed, N failed`;
 * exits 1 on any false alarm, 2 when it cannot start.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnMock } from '../conformance/cli/spawn-mock.js';
import { PROFILES, type ProfileName } from '../conformance/cli/profiles.js';
import { sweepSeeds } from './seed-sweep.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const seeds = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : text.split(',').map(Number);
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds takes a range (1-20) or a list (3,7,11), got ${text}`);
  return seeds;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-20' }, profile: { type: 'string', default: 'ci' }, runs: { type: 'string' } } });
  if (!(values.profile in PROFILES)) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  const seeds = parseSeeds(values.seeds);
  const mock = await spawnMock({ cli: join(ROOT, 'dist', 'mock', 'cli.js'), fixtures: join(ROOT, 'fixtures', 'demo') });
  try {
    console.log(`sweep:seeds: profile ${values.profile}, ${seeds.length} seeds against the mock at ${mock.url}`);
    const outcomes = await sweepSeeds(seeds, {
      baseUrl: mock.url, tokens: { token: 'demo-bea', viewerToken: 'demo-cleo', otherTenantToken: 'demo-finn' }, profile: values.profile as ProfileName,
      ...(values.runs ? { runs: Number(values.runs) } : {}),
      onSeed: (o) => console.log(`seed ${o.seed}: ${o.passed ? 'pass' : 'FALSE ALARM'}  ${o.runs}/${o.plannedRuns} runs, ${o.commands} commands in ${o.seconds.toFixed(1)} s${o.notExercised.length > 0 ? `, not exercised: ${o.notExercised.join(', ')}` : ''}${o.alarm ? `\n  ${o.alarm}` : ''}`),
    });
    const failed = outcomes.filter((o) => !o.passed).length;
    const short = outcomes.filter((o) => o.passed && o.runs < o.plannedRuns).length;
    if (short > 0) console.log(`${short} seed(s) stopped at the time limit before all their runs`);
    console.log(`${outcomes.length - failed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  } finally {
    await mock.stop();
  }
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
