// The MSW handler tests under MSW 3, which needs Node ≥ 22.12: run by the registry's Node 22
// (`npx -p node@22`) with vitest.msw3.config.ts, which resolves `msw` to the `msw3` alias.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('MSW 3', () => {
  it('passes the same handler tests under Node 22', () => {
    const run = spawnSync('npx', ['-y', '-p', 'node@22', 'node', 'node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.msw3.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      // No colour codes, so the summary line can be read.
      env: { ...process.env, EXPECT_MSW_MAJOR: '3', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 180_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    if (run.status !== 0 && !/Test Files/.test(output)) {
      throw new Error(`could not start Node 22 with npx -p node@22 (it comes from the npm registry; check that the registry is reachable):\n${output.slice(-2000)}`);
    }
    expect(run.status, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/Tests\s+5 passed/);
  }, 200_000);
});
