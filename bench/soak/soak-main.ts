/**
 * `npm run bench:soak`: memory under a long run (README "Memory"). Options: `--requests N` of the
 * mixed workload (1,000,000), `--reads N` of the read-only phase (half of it, at least 20,000), `--seed S` (1),
 * `--sample-every N` (50,000), `--connections N` (10), `--tolerance B` heap growth per 100k reads
 * the read-only phase may show (1 MiB), `--keyed` (a fresh `Idempotency-Key` on every POST),
 * `--json FILE`. Exits 1 when anything failed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak, type SoakOptions } from './soak.js';
import { formatSoakReport, soakExitCode } from './soak-report.js';

function whole(value: string, name: string, min: number): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
  return n;
}

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    reads: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'sample-every': { type: 'string', default: '50000' },
    connections: { type: 'string', default: '10' },
    tolerance: { type: 'string', default: String(1024 * 1024) },
    keyed: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const requests = whole(values.requests, 'requests', 1);
const options: SoakOptions = {
  requests,
  reads: values.reads === undefined ? Math.max(20_000, Math.round(requests / 2)) : whole(values.reads, 'reads', 2),
  seed: whole(values.seed, 'seed', 0),
  sampleEvery: whole(values['sample-every'], 'sample-every', 1),
  connections: whole(values.connections, 'connections', 1),
  toleranceBytesPer100kReads: whole(values.tolerance, 'tolerance', 0),
  keyed: values.keyed,
  onSample: (s) => process.stderr.write(`${s.phase} ${s.requests}: RSS ${(s.rss / 2 ** 20).toFixed(0)} MiB, heap ${(s.heapUsed / 2 ** 20).toFixed(1)} MiB, ArrayBuffers ${(s.arrayBuffers / 2 ** 20).toFixed(1)} MiB\n`),
};
const result = await runSoak(options);
console.log(formatSoakReport(result));
if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
process.exitCode = soakExitCode(result);
