/**
 * Runs the fork-cost measurement in its own `node --expose-gc` process: a clean heap, real forced
 * GCs, and no load-generator garbage in the figures.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ForkCostResult } from './fork-cost.js';

/** Spawns `fork-cost-main.js` next to this file and parses the JSON line it prints. */
export function runForkCostChild(sizes: readonly number[], forks: number): Promise<ForkCostResult> {
  const main = fileURLToPath(new URL('./fork-cost-main.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', main, '--sizes', sizes.join(','), '--forks', String(forks)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`fork-cost child exited with ${code}:\n${stderr}`));
      try {
        resolve(JSON.parse(stdout) as ForkCostResult);
      } catch (error) {
        reject(new Error(`fork-cost child printed no JSON (${String(error)}):\n${stdout}${stderr}`));
      }
    });
  });
}
