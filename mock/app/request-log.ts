/** One line of the request log. */
export interface LogEntry {
  readonly at: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly code?: string;
}

/** A bounded log: the newest `capacity` requests, oldest dropped first (a ring, O(1) per add). */
export class RequestLog {
  private readonly ring: (LogEntry | undefined)[];
  private next = 0;
  private size = 0;

  constructor(private readonly capacity = 500) {
    this.ring = new Array<LogEntry | undefined>(capacity);
  }

  add(entry: LogEntry): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Newest first. */
  list(limit = this.capacity): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = 1; i <= Math.min(limit, this.size); i += 1) out.push(this.ring[(this.next - i + this.capacity) % this.capacity] as LogEntry);
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}

/** The `--log` line for one request: `201 POST /v1/sessions 3ms`. */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.at} ${entry.status} ${entry.method} ${entry.url} ${entry.durationMs}ms${entry.code ? ' ' + entry.code : ''}`;
}
