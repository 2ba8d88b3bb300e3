/** One line of the request log. */
export interface LogEntry {
  readonly at: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly code?: string;
}

/** A request as the app records it: the time stays a number until somebody reads the entry. */
export interface LoggedRequest {
  /** Epoch milliseconds. */
  readonly atMs: number;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly code: string | undefined;
}

/** The readable entry for a recorded request. */
export function toLogEntry(request: LoggedRequest): LogEntry {
  const entry = { at: new Date(request.atMs).toISOString(), method: request.method, url: request.url, status: request.status, durationMs: request.durationMs };
  return request.code === undefined ? entry : { ...entry, code: request.code };
}

/**
 * A bounded log: the newest `capacity` requests, oldest dropped first (a ring, O(1) per add).
 * Dates are formatted when the log is read, not on every request.
 */
export class RequestLog {
  private readonly ring: (LoggedRequest | undefined)[];
  private next = 0;
  private size = 0;

  /** How many requests the log keeps; also the most `list` can return. */
  constructor(readonly capacity = 500) {
    // A ring of no slots would divide by zero on the first add.
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`log capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<LoggedRequest | undefined>(capacity);
  }

  add(entry: LoggedRequest): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Newest first. */
  list(limit = this.capacity): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = 1; i <= Math.min(limit, this.size); i += 1) out.push(toLogEntry(this.ring[(this.next - i + this.capacity) % this.capacity] as LoggedRequest));
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
