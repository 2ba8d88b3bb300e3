/**
 * Child entry of the fork-cost benchmark, run as `node --expose-gc fork-cost-main.js --sizes
 * 10,1000,100000 --forks 2000`; prints the {@link ForkCostResult} as one line of JSON.
 */
import { parseArgs } from 'node:util';
import { measureForkCost } from './fork-cost.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10,1000,100000' }, forks: { type: 'string', default: '2000' } } });
const sizes = values.sizes.split(',').map(Number);
const forks = Number(values.forks);
if (sizes.some((n) => !Number.isInteger(n) || n < 0 || n > 100_000) || !Number.isInteger(forks) || forks < 1) {
  console.error('usage: fork-cost-main.js --sizes 10,1000,100000 --forks N');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(measureForkCost({ sizes, forks }))}\n`);
