/**
 * Coverage as a table: one row per contract operation (exercised or not), one column per status
 * code seen, each cell the number of exchanges. Built from the run's `operationId status` counts.
 */

/** One operation's row. */
export interface CoverageRow {
  readonly operationId: string;
  readonly total: number;
  /** status code → exchanges */
  readonly statuses: Readonly<Record<string, number>>;
}

/** The whole table. */
export interface CoverageTable {
  /** Every status code seen, ascending. */
  readonly statuses: readonly number[];
  /** Contract operations in contract order, then `unmatched` if any exchange matched none. */
  readonly rows: readonly CoverageRow[];
  /** How many contract operations were exercised at least once, of how many. */
  readonly exercised: number;
  readonly operations: number;
}

/** Builds the table; `counts` keys are `operationId status` (as `SuiteResult.coverage`). */
export function coverageTable(counts: ReadonlyMap<string, number>, operationIds: readonly string[]): CoverageTable {
  const byOp = new Map<string, Map<string, number>>();
  const seen = new Set<number>();
  for (const [key, count] of counts) {
    const cut = key.lastIndexOf(' ');
    const op = key.slice(0, cut);
    const status = key.slice(cut + 1);
    seen.add(Number(status));
    const row = byOp.get(op) ?? new Map<string, number>();
    row.set(status, (row.get(status) ?? 0) + count);
    byOp.set(op, row);
  }
  const known = new Set(operationIds);
  const ids = [...operationIds, ...[...byOp.keys()].filter((op) => !known.has(op)).sort()];
  const rows = ids.map((operationId): CoverageRow => {
    const cells = byOp.get(operationId) ?? new Map<string, number>();
    const statuses = Object.fromEntries([...cells.entries()].sort(([a], [b]) => Number(a) - Number(b)));
    return { operationId, total: [...cells.values()].reduce((a, b) => a + b, 0), statuses };
  });
  return {
    statuses: [...seen].sort((a, b) => a - b),
    rows,
    exercised: operationIds.filter((op) => byOp.has(op)).length,
    operations: operationIds.length,
  };
}
