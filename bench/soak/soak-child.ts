/**
 * Starts the soak bench's mock (`soak-server.js`) as a child `node --expose-gc` process with an
 * IPC channel, and asks it for memory samples. The load generator stays in this process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The child's memory after a forced full GC (bytes; see `process.memoryUsage`). */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  /** Bytes of ArrayBuffers and SharedArrayBuffers: where the change log and file bytes live. */
  readonly arrayBuffers: number;
  readonly external: number;
  /** False when the child could not force a GC: its heap figures are then noisy. */
  readonly gcForced: boolean;
}

/** The mock running in its child process. */
export interface SoakChild {
  readonly url: string;
  readonly pid: number | undefined;
  /** Forces a full GC in the child and reads its memory. */
  sample(): Promise<MemorySample>;
  /** Disconnects; the child closes the server and exits. Resolves once it has. */
  stop(): Promise<void>;
}

interface ChildMessage {
  readonly url?: string;
  readonly sample?: MemorySample;
}

/** The built child entry next to this file (in dist/, where `npm run bench:soak` runs). */
export const SOAK_SERVER_ENTRY = fileURLToPath(new URL('./soak-server.js', import.meta.url));

/** Spawns the child (`entry`: a built `soak-server.js`) and resolves once its mock listens. */
export function startSoakChild(entry = SOAK_SERVER_ENTRY): Promise<SoakChild> {
  const child = fork(entry, [], { execArgv: ['--expose-gc', '--max-old-space-size=4096'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null): void => reject(new Error(`soak mock exited (${String(code)}) before it listened:\n${stderr}`));
    child.once('exit', early);
    child.once('error', reject);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', early);
      if (typeof message.url !== 'string') return reject(new Error(`soak mock sent ${JSON.stringify(message)} instead of its url`));
      resolve(handle(child, message.url, exited, () => stderr));
    });
  });
}

function handle(child: ChildProcess, url: string, exited: Promise<void>, stderr: () => string): SoakChild {
  return {
    url,
    pid: child.pid,
    sample: () =>
      new Promise((resolve, reject) => {
        const gone = (): void => reject(new Error(`soak mock exited while sampling:\n${stderr()}`));
        child.once('exit', gone);
        child.once('message', (message: ChildMessage) => {
          child.off('exit', gone);
          if (message.sample) resolve(message.sample);
          else reject(new Error(`soak mock sent ${JSON.stringify(message)} instead of a sample`));
        });
        child.send('sample');
      }),
    stop: async () => {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
