// Runs the Spectral CLI (the same one `npm run lint` uses) and returns its JSON results.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, RULESET_FILE } from './contract-document.js';

/** One Spectral finding, as printed by `--format json`. */
export interface SpectralResult {
  /** The rule name, e.g. `operation-id-camel-case`. */
  readonly code: string;
  /** 0 error, 1 warn, 2 info, 3 hint. */
  readonly severity: number;
  /** JSON path of the finding in its source document. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Absolute path of the document the finding is in. */
  readonly source: string;
}

const SPECTRAL_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'spectral');

/**
 * Lints the given documents with contract/.spectral.yaml in one CLI process.
 *
 * @param documents - absolute paths of OpenAPI documents
 * @param timeoutMs - the CLI is killed after this long
 * @returns every result of every document (filter by `source`)
 */
export function runSpectral(documents: readonly string[], timeoutMs = 90_000): Promise<SpectralResult[]> {
  const args = [SPECTRAL_BIN, 'lint', ...documents, '--ruleset', RULESET_FILE, '--format', 'json', '--quiet'];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Spectral exits 1 when it finds errors and prints `[]` when it finds none; anything else (a
        // ruleset that fails to load, a crash) leaves no JSON on stdout and fails the run itself.
        try {
          const parsed: unknown = JSON.parse(stdout);
          if (!Array.isArray(parsed)) throw new Error('not an array');
          resolve(parsed as SpectralResult[]);
        } catch {
          reject(new Error(`spectral produced no JSON (${error?.message ?? 'exit 0'}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** `code @ path` strings of the results for one document, for compact assertions. */
export function findingsFor(results: readonly SpectralResult[], source: string): string[] {
  return results.filter((r) => r.source === source).map((r) => `${r.code} @ ${r.path.join('/')}`);
}
