import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenApiDocument } from './openapi-types.js';

/** The contract as read from disk: the parsed document, its text and the text's sha256. */
export interface LoadedDocument {
  readonly document: OpenApiDocument;
  readonly text: string;
  readonly sha256: string;
  readonly path: string;
}

/**
 * Finds `contract/openapi.yaml` from this module's location. The module runs both from source
 * (`contract/src`) and from the build (`dist/contract/src`), so walk up to the package root.
 */
export function findContractPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'contract', 'openapi.yaml');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('contract/openapi.yaml not found above ' + fileURLToPath(import.meta.url));
}

/** Reads and parses the document. Callers should go through `loadContract()`, which does this once. */
export function loadDocument(path: string = findContractPath()): LoadedDocument {
  const text = readFileSync(path, 'utf8');
  const document = parse(text) as OpenApiDocument;
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { document, text, sha256, path };
}
