/**
 * `manifest.json` of a certification bundle: every file's size and sha256, so a published bundle
 * can be checked file by file (`session-conformance verify DIR`). The manifest's own sha256 is
 * what a vendor publishes next to the bundle.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The manifest's file name inside a bundle. */
export const MANIFEST_FILE = 'manifest.json';

/** One file of the bundle. */
export interface ManifestEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** The manifest document. */
export interface Manifest {
  readonly format: 'session-conformance-manifest/1';
  readonly algorithm: 'sha256';
  readonly files: readonly ManifestEntry[];
}

/** The outcome of checking a bundle against its manifest. */
export interface ManifestCheck {
  readonly ok: boolean;
  /** One line per missing, changed, unlisted or unsafe file. */
  readonly problems: readonly string[];
  readonly checked: number;
  /** sha256 of `manifest.json` as stored. */
  readonly manifestSha256: string;
}

/** Hex sha256 of bytes or text. */
export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const isPlainName = (name: string): boolean => /^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..';

/** Hashes the named files of `dir` (plain names, no directories). */
export async function buildManifest(dir: string, names: readonly string[]): Promise<Manifest> {
  const files: ManifestEntry[] = [];
  for (const name of [...names].sort()) {
    if (!isPlainName(name)) throw new Error(`not a plain file name: ${name}`);
    const data = await readFile(join(dir, name));
    files.push({ path: name, bytes: data.length, sha256: sha256(data) });
  }
  return { format: 'session-conformance-manifest/1', algorithm: 'sha256', files };
}

/** Checks every listed file's size and hash, and that no other file sits in the bundle. */
export async function verifyManifest(dir: string): Promise<ManifestCheck> {
  const text = await readFile(join(dir, MANIFEST_FILE));
  const manifest = JSON.parse(text.toString('utf8')) as Partial<Manifest>;
  if (manifest.format !== 'session-conformance-manifest/1' || !Array.isArray(manifest.files)) throw new Error(`${MANIFEST_FILE} is not a session-conformance manifest`);
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files as ReadonlyArray<Partial<ManifestEntry>>) {
    if (typeof entry.path !== 'string' || !isPlainName(entry.path)) {
      problems.push(`unsafe path in the manifest: ${JSON.stringify(entry.path)}`);
      continue;
    }
    listed.add(entry.path);
    let data: Buffer;
    try {
      data = await readFile(join(dir, entry.path));
    } catch {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    if (data.length !== entry.bytes || sha256(data) !== entry.sha256) problems.push(`${entry.path}: content differs from the manifest`);
  }
  for (const name of await readdir(dir)) if (name !== MANIFEST_FILE && !listed.has(name)) problems.push(`${name}: not in the manifest`);
  return { ok: problems.length === 0, problems, checked: listed.size, manifestSha256: sha256(text) };
}
