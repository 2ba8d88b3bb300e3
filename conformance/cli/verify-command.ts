/**
 * `session-conformance verify DIR`: checks a certification bundle against its `manifest.json`
 * (every file's size and sha256, no unlisted file), and shows what the certificate claims and
 * whether it was made against this toolkit's contract and invariant catalogue. Exit 0 intact,
 * 1 tampered or incomplete bundle, 2 no readable manifest.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadContract } from '../../contract/index.js';
import { catalogueDigest, compareCatalogues } from '../invariants/catalogue-digest.js';
import type { Certificate } from '../report/certification.js';
import { verifyManifest, type ManifestCheck } from '../report/manifest.js';
import type { Output } from './run-command.js';

/** Verifies the bundle in `dir`; resolves with the exit code. */
export async function verifyCommand(dir: string, output: Output): Promise<number> {
  let check: ManifestCheck;
  try {
    check = await verifyManifest(dir);
  } catch (error) {
    output.err(`error: cannot read the bundle's manifest in ${dir}: ${(error as Error).message}`);
    return 2;
  }
  for (const problem of check.problems) output.out(`  ${problem}`);
  output.out(`manifest.json sha256 ${check.manifestSha256} (compare with the published value)`);
  try {
    const cert = JSON.parse(await readFile(join(dir, 'certificate.json'), 'utf8')) as Omit<Certificate, 'catalogue'> & Partial<Pick<Certificate, 'catalogue'>>;
    output.out(`certificate: ${cert.result} — ${cert.server.name ?? '?'} ${cert.server.version ?? '?'} at ${cert.server.baseUrl}, profile ${cert.profile}, ${cert.runs} runs${cert.shards ? ` in ${cert.shards.length} shards` : ''}${cert.shard ? ` (shard ${cert.shard.index}/${cert.shard.count} of ${cert.shard.totalRuns})` : ''}, seed ${cert.seed}, toolkit ${cert.toolkit.version}, ${cert.finishedAt}`);
    const local = loadContract().sha256;
    output.out(cert.contract.sha256 === local ? `contract: version ${cert.contract.version}, sha256 ${local} (the same contract as this toolkit's)` : `contract: version ${cert.contract.version}, sha256 ${cert.contract.sha256} — differs from this toolkit's contract (${local})`);
    output.out(cert.catalogue ? compareCatalogues(cert.catalogue, catalogueDigest()).line : 'catalogue: not recorded (a certificate from before catalogues were named)');
  } catch (error) {
    output.out(`  certificate.json unreadable: ${(error as Error).message}`);
    return 1;
  }
  output.out(check.ok ? `verify: OK, ${check.checked} files match the manifest` : `verify: FAILED, ${check.problems.length} problem(s)`);
  return check.ok ? 0 : 1;
}
