/**
 * Reading `perf script` output for `npm run bench:events-perf`: each sample is a block of lines
 * (a header, then one line per stack frame, innermost first), blocks separated by a blank line.
 * A sample is sorted by where the server's CPU went, so that the kernel work a loopback bench
 * charges to the server on behalf of its clients can be told apart from the server's own.
 */

/** Where one sample of the server's CPU was spent. */
export type SampleKind =
  /**
   * Receiving packets (the softirq that runs TCP's receive path): on loopback this includes the
   * *clients'* sockets receiving the server's frames, which a real network leaves to the clients.
   */
  | 'receive'
  /** Sending: inside a write syscall, outside the receive path. */
  | 'send'
  /** Any other kernel work (epoll, scheduling, reads). */
  | 'kernel'
  /** The server's own process: JavaScript, V8 (GC included), node and libuv. */
  | 'user';

const RECEIVE = /\b(net_rx_action|__netif_receive_skb\w*|process_backlog)\b/;
const SEND = /\b(__x64_sys_writev|__x64_sys_write|do_writev|ksys_write|__x64_sys_sendmsg)\b/;
const KERNEL_FRAME = /\[kernel\.kallsyms\]/;

/** Sorts one sample by its stack frames (innermost first). */
export function classifySample(frames: readonly string[]): SampleKind {
  if (frames.some((frame) => RECEIVE.test(frame))) return 'receive';
  if (frames.some((frame) => SEND.test(frame))) return 'send';
  return frames.length > 0 && KERNEL_FRAME.test(frames[0] as string) ? 'kernel' : 'user';
}

/** Samples of each kind. */
export type SampleCounts = Record<SampleKind, number>;

/** Counts the samples of a `perf script` text by kind. */
export function countSamples(script: string): SampleCounts {
  const counts: SampleCounts = { receive: 0, send: 0, kernel: 0, user: 0 };
  for (const block of script.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    // The header line has no leading whitespace; frames are indented.
    if (lines.length === 0 || /^\s/.test(lines[0] as string)) continue;
    counts[classifySample(lines.slice(1).map((line) => line.trim()))] += 1;
  }
  return counts;
}
