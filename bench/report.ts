/** The bench's results as one JSON-able object, and as the text table `npm run bench` prints. */
import type { ListPagingResult } from './list-paging.js';
import type { Figures, TargetCheck } from './evaluate.js';
import type { LoadResult } from './run-load.js';

/** How the load runs were set up. */
export interface BenchSettings {
  readonly tool: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** The measured seconds are split into this many rounds that visit the targets in turn. */
  readonly rounds: number;
  readonly forkSizes: readonly number[];
  readonly forksPerSize: number;
  readonly detailPath: string;
  readonly mixedCycle: string;
  /** Where servers and load generator ran, e.g. pinned to CPUs 0 and 1. */
  readonly placement: string;
}

/** Everything one `npm run bench` measured. */
export interface BenchReport extends Figures {
  readonly listPaging: ListPagingResult | null;
  readonly settings: BenchSettings;
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number; readonly cpuModel: string };
  readonly targets: readonly TargetCheck[];
  /** Targets or steps that could not be measured, with the reason. */
  readonly errors: readonly string[];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '-');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('   ');
  return [line(header), ...rows.map(line)];
}

function loadRows(entries: readonly (readonly [string, LoadResult | null])[]): string[] {
  const cpu = (r: LoadResult): string[] => [r.cpuMicrosPerRequest === null ? '-' : r.cpuMicrosPerRequest.toFixed(1), r.serverCpuShare === null ? '-' : `${(r.serverCpuShare * 100).toFixed(0)}%`];
  const rows = entries.map(([name, r]) => (r ? [name, int(r.requestsPerSecond), ms(r.p50Ms), ms(r.p99Ms), ...cpu(r), int(r.responses), int(r.non2xx), int(r.errors)] : [name, 'failed', '-', '-', '-', '-', '-', '-', '-']));
  return table(['target', 'req/s', 'p50 ms', 'p99 ms', 'cpu µs/req', 'server cpu', 'responses', 'non-2xx', 'errors'], rows);
}

/** The report as the lines printed to the terminal. */
export function formatReport(report: BenchReport): string {
  const s = report.settings;
  const out: string[] = [];
  out.push(`Session API mock benchmark: ${s.tool}, ${s.connections} connections, ${s.warmupSeconds} s warm-up + ${s.durationSeconds} s per target in ${s.rounds} interleaved rounds, 127.0.0.1`);
  out.push(`node ${report.environment.node} on ${report.environment.platform}, ${report.environment.cpus} × ${report.environment.cpuModel}; ${s.placement}`);
  out.push('cpu µs/req: server CPU time per response; server cpu: share of one core it used under load.');
  out.push('', `Session detail: GET ${s.detailPath}`);
  out.push(...loadRows([['mock (session-mock CLI)', report.detail.mock], ['prism mock', report.detail.prism], ['node:http ceiling', report.detail.ceiling]]));
  out.push('', `Mixed stateful workload: ${s.mixedCycle}`);
  out.push(...loadRows([['mock (session-mock CLI)', report.mixed.mock], ['prism mock', report.mixed.prism]]));
  out.push('', `Fork cost: in-process createMockCore, ${int(s.forksPerSize)} forks per size, heap after forced GC`);
  const fork = report.forkCost;
  if (fork) {
    out.push(...table(['files', 'µs/fork (median)', 'µs/fork (mean)', 'bytes/fork', 'build ms'], fork.rows.map((r) => [int(r.files), r.microsPerFork.toFixed(1), r.meanMicrosPerFork.toFixed(1), int(r.bytesPerFork), int(r.buildMs)])));
    out.push(`largest/smallest: time (median) ${fork.timeRatio.toFixed(2)}×, heap ${fork.heapRatio === null ? '-' : `${fork.heapRatio.toFixed(2)}×`}${fork.gcForced ? '' : ' (no GC could be forced: heap figures are noisy)'}`);
  } else {
    out.push('failed');
  }
  const list = report.listPaging;
  out.push('', list ? `List paging: in-process core, ${int(list.sessions)} sessions, ${list.pageSize} per page, every page walked` : 'List paging: failed');
  if (list) out.push(...table(['filter', 'pages', 'items', 'µs/page'], list.walks.map((w) => [w.query, int(w.pages), int(w.items), w.microsPerPage.toFixed(1)])));
  out.push('', 'Targets (informative: the bench measures, it does not fail)');
  out.push(...table(['target', 'measured', 'verdict'], report.targets.map((t) => [t.target, t.shown, t.verdict])));
  if (report.errors.length > 0) out.push('', 'Errors:', ...report.errors.map((e) => `  ${e}`));
  return out.join('\n');
}
