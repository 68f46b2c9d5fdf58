/* SPDX-License-Identifier: GPL-2.0 */
/*
 * softnet.c's per-poll work, inline in napi.c's probe: the backlog's
 * queue-length sample.
 */
#ifndef _RXPATH_SOFTNET_H
#define _RXPATH_SOFTNET_H

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include "rxpath.h"

/*
 * The backlog's peak while the per-packet hook is off. The
 * input queue length is sampled where the backlog is drained, on the CPU
 * that owns it, by napi.c's per-poll hook: at a cycle's first poll the
 * queue has grown for as long as the CPU waited (less what that poll took,
 * if it was the backlog's); after a backlog poll, whatever is left is what
 * the next one will meet. Each sample is a length the queue really had,
 * so the peak is a lower bound of the one the hook measures. With a reader
 * of /dev/rxpath, the kernel's count of refusals is read too.
 */
DECLARE_PER_CPU(unsigned int, rxpath_backlog_peak);
void __rxpath_softnet_drops_seen(void);

static __always_inline void rxpath_softnet_sample(void)
{
	rxpath_max_update(this_cpu_ptr(&rxpath_backlog_peak),
			  skb_queue_len_lockless(this_cpu_ptr(&softnet_data.input_pkt_queue)));
	if (static_branch_unlikely(&rxpath_dev_on))
		__rxpath_softnet_drops_seen();
}

#endif /* _RXPATH_SOFTNET_H */
