/**
 * Stopping when the process that started the mock is gone. `npm start` runs the mock as
 * `npm → sh -c "node dist/mock/cli.js" → node`. npm passes a SIGTERM on to that shell, but dash
 * (Debian's and Ubuntu's sh) neither execs the command it runs nor passes the signal on: it dies
 * and leaves the mock running, orphaned, on its port. cmd.exe does not pass signals on either.
 */

/** Whether `pid` is a running process (EPERM: it runs, as somebody else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `stop` once the parent process has exited: on POSIX the process is then re-parented (its
 * `ppid` changes); on Windows `ppid` stays, but the process it names is gone. Checks every
 * `everyMs` on a timer that does not keep the process alive. Returns a function that stops watching.
 */
export function stopWithParent(stop: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent && isRunning(parent)) return;
    clearInterval(timer);
    stop();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
