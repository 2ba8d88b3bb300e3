/** How POSTs are retried (contract §11). Every field has a default; tests inject `sleep`. */
export interface RetryOptions {
  /** Tries in all, the first included (default 3; 1 turns retries off). */
  readonly attempts?: number;
  /** The wait before retry n (1-based), in ms; default 200 · 2^(n-1). */
  readonly backoff?: (retry: number) => number;
  /** How to wait; default a timer that an aborted `signal` cuts short. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A fresh key per call; default `crypto.randomUUID()`. */
  readonly newKey?: () => string;
}

/** Waits `ms`, or less when `signal` aborts (the caller's next step sees the abort). */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Whether a status is worth another try with the same key: a 5xx other than `501 not-implemented`
 * (which no retry changes). `507 storage-failed` is included: the contract says the change did not
 * happen, so trying again is safe and may succeed.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status !== 501;
}

/**
 * Runs `send(key)` until it gives a non-retryable answer or the attempts are used up. The key is
 * made once per call and sent on every try, so a retry of a request that did reach the server
 * replays its first answer instead of acting twice. Network errors are retried too (the request
 * may or may not have arrived: the key makes both cases safe), except when `signal` aborted.
 * The last answer or error is the caller's.
 */
export async function withIdempotencyKey<T extends { readonly response: Response }>(
  send: (key: string) => Promise<T>, options: RetryOptions = {}, given?: string, signal?: AbortSignal,
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoff = options.backoff ?? ((n: number) => 200 * 2 ** (n - 1));
  const sleep = options.sleep ?? defaultSleep;
  const key = given ?? (options.newKey ?? (() => crypto.randomUUID()))();
  for (let attempt = 1; ; attempt++) {
    let result: T;
    try {
      result = await send(key);
    } catch (error) {
      if (attempt >= attempts || signal?.aborted) throw error;
      await sleep(backoff(attempt), signal);
      continue;
    }
    if (attempt >= attempts || !isRetryableStatus(result.response.status)) return result;
    await sleep(backoff(attempt), signal);
  }
}
