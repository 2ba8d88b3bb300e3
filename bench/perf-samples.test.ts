import { describe, expect, it } from 'vitest';
import { classifySample, countSamples } from './perf-samples.js';

// Shaped like `perf script` output of `perf record -g` (header, then frames innermost first).
const receive = `node 1830 [000] 12.345: 500000 cpu-clock:
\tffffffff81a1 _raw_spin_unlock_irqrestore+0x1d ([kernel.kallsyms])
\tffffffff81a2 sock_def_readable+0x3f ([kernel.kallsyms])
\tffffffff81a3 tcp_rcv_established+0x21 ([kernel.kallsyms])
\tffffffff81a4 __netif_receive_skb_one_core+0x8a ([kernel.kallsyms])
\tffffffff81a5 process_backlog+0x9e ([kernel.kallsyms])
\tffffffff81a6 net_rx_action+0x140 ([kernel.kallsyms])
\tffffffff81a7 do_writev+0x6b ([kernel.kallsyms])
\t7f00 writev+0x12 (/usr/lib/libc.so.6)
`;
const send = `node 1830 [000] 12.346: 500000 cpu-clock:
\tffffffff81b1 tcp_sendmsg_locked+0x11 ([kernel.kallsyms])
\tffffffff81b2 do_writev+0x6b ([kernel.kallsyms])
\tffffffff81b3 __x64_sys_writev+0x1c ([kernel.kallsyms])
`;
const kernel = `node 1830 [000] 12.347: 500000 cpu-clock:
\tffffffff81c1 ep_poll+0x11 ([kernel.kallsyms])
\tffffffff81c2 do_epoll_wait+0x6b ([kernel.kallsyms])
`;
const user = `node 1830 [000] 12.348: 500000 cpu-clock:
\t55d0 v8::internal::Scavenger::Process+0x20 (/usr/bin/node)
\t55d1 Builtins_JSEntry+0x7c (/usr/bin/node)
`;

describe('perf samples', () => {
  it('puts the receive path first, even inside a write syscall (loopback delivers there)', () => {
    expect(classifySample(receive.trim().split('\n').slice(1))).toBe('receive');
  });

  it('tells send, other kernel and user samples apart', () => {
    expect(classifySample(send.trim().split('\n').slice(1))).toBe('send');
    expect(classifySample(kernel.trim().split('\n').slice(1))).toBe('kernel');
    expect(classifySample(user.trim().split('\n').slice(1))).toBe('user');
  });

  it('counts every sample block of a script once', () => {
    expect(countSamples([receive, send, send, kernel, user, user, user].join('\n'))).toEqual({ receive: 1, send: 2, kernel: 1, user: 3 });
    expect(countSamples('')).toEqual({ receive: 0, send: 0, kernel: 0, user: 0 });
  });
});
