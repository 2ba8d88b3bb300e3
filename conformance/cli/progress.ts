/**
 * Progress output: one rewritten line on a terminal, plain lines (every 10 %) in CI or a pipe.
 */

/** A progress sink: call with runs done and total; `end` finishes the line. */
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

/** Chooses the display for the given stream and environment. */
export function createProgress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Progress {
  const live = stream.isTTY === true && env.CI !== 'true' && env.CI !== '1';
  let lastTenth = -1;
  let started = false;
  return {
    update(done, total) {
      if (live) {
        started = true;
        stream.write(`\r  runs ${done}/${total}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`progress: ${done}/${total} runs\n`);
      }
    },
    end() {
      if (live && started) stream.write('\n');
    },
  };
}
