/**
 * Test-only: Debian's Chromium driven by playwright-core. No browser is downloaded (this machine
 * cannot), so the binary must be installed; `npm test` runs scripts/ensure-chromium.sh first.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Launches headless Chromium, or fails saying how to install it: a missing browser is a failure, never a skip. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const path = chromiumPath(env);
  if (!isExecutable(path)) {
    throw new Error(
      `the browser tests need Chromium at ${path}, which is missing: run \`bash scripts/ensure-chromium.sh\` ` +
        '(as root it runs `apt-get update && apt-get install -y chromium`), or `sudo apt-get install chromium`, ' +
        'or set CHROMIUM_PATH to an installed Chromium or Chrome',
    );
  }
  // --no-sandbox: the tests run as root in containers, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: path, args: ['--no-sandbox'] });
}
