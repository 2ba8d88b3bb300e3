/** One line of the request log. */
export interface LogEntry {
  readonly at: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly code?: string;
}

/** A bounded log: the newest `capacity` requests, oldest dropped first. */
export class RequestLog {
  private readonly entries: LogEntry[] = [];

  constructor(private readonly capacity = 500) {}

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(limit = this.capacity): LogEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** The `--log` line for one request: `201 POST /v1/sessions 3ms`. */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.at} ${entry.status} ${entry.method} ${entry.url} ${entry.durationMs}ms${entry.code ? ' ' + entry.code : ''}`;
}
