/**
 * The toolkit's own name and version, read at runtime from the nearest `package.json` above this
 * module, so it is right both from source (`conformance/cli/`) and from the build
 * (`dist/conformance/cli/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The toolkit's package identity. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * Walks up from `from` (default: this module) to the first `package.json` and reads its name and
 * version. Throws when none is found within six levels: a certificate must not claim a made-up
 * version.
 */
export function toolInfo(from: string = fileURLToPath(import.meta.url)): ToolInfo {
  let dir = dirname(from);
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') throw new Error(`${candidate} has no name or version`);
      return { name: pkg.name, version: pkg.version };
    }
    dir = dirname(dir);
  }
  throw new Error(`no package.json above ${from}`);
}
