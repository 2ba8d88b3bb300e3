import { describe, expect, it } from 'vitest';
import { summarizeRuns, type LoadRun } from './run-load.js';

const run = (responses: number, serverCpuMs: number | null): LoadRun => ({ responses, non2xx: 0, errors: 0, durationSeconds: 2, latencies: [1, 2, 3], serverCpuMs });

describe('summarizeRuns', () => {
  it('derives requests/s, CPU per request and CPU share over all runs', () => {
    const result = summarizeRuns([run(3000, 1200), run(1000, 400)]);
    expect(result.requestsPerSecond).toBe(1000);
    expect(result.cpuMicrosPerRequest).toBe(400);
    expect(result.serverCpuShare).toBe(0.4);
    expect(result.responses).toBe(4000);
  });

  it('gives no CPU figures when any run could not read them', () => {
    const result = summarizeRuns([run(3000, 1200), run(1000, null)]);
    expect(result.cpuMicrosPerRequest).toBeNull();
    expect(result.serverCpuShare).toBeNull();
  });
});
