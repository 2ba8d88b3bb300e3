/**
 * Progress output: one rewritten line on a terminal; plain `progress:` lines (every 10 %) when
 * the stream is not a TTY or `CI` is set (`true`/`1`), so CI logs stay readable.
 */

/** A progress sink: call with runs done and total; `end` finishes the line. */
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

/** Whether the live (rewritten) line is used for this stream and environment. */
export function isLive(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return stream.isTTY === true && ci !== 'true' && ci !== '1';
}

/** Chooses the display for the given stream and environment. */
export function createProgress(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Progress {
  const live = isLive(stream, env);
  const started = now();
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (live) {
        drawn = true;
        const pct = Math.floor((done / Math.max(total, 1)) * 100);
        stream.write(`\r\x1b[K  run ${done}/${total} (${pct} %)  ${((now() - started) / 1000).toFixed(0)} s`);
        return;
      }
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`progress: ${done}/${total} runs\n`);
      }
    },
    end() {
      if (live && drawn) stream.write('\r\x1b[K');
    },
  };
}
