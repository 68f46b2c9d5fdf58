/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The softnet concern (softnet.c): the per-CPU backlog tables, and its
 * per-poll work, inline in napi.c's probe: the backlog's queue-length
 * sample.
 */
#ifndef _RXPATH_SOFTNET_H
#define _RXPATH_SOFTNET_H

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include "rxpath.h"
#include "compat.h"

struct rxpath_btf;

unsigned int rxpath_softnet_backlog_max(unsigned int cpu);
u64 rxpath_softnet_flow_limit(struct softnet_data *sd);
void rxpath_softnet_check_layout(const struct rxpath_btf *vm, const char *why);

#if IS_ENABLED(CONFIG_KUNIT)
/* Visible to rxpath_test.ko only (EXPORT_SYMBOL_IF_KUNIT). */
void rxpath_backlog_count(unsigned int cpu, unsigned int qlen);
extern const struct rxpath_cpu_table rxpath_softnet_table;
extern const struct rxpath_cpu_table rxpath_backlog_hist_table;
#endif

/*
 * The backlog's peak while the per-packet hook is off. The input queue
 * length is sampled where the backlog is drained, on the CPU that owns it,
 * by napi.c's per-poll hook: at a cycle's first poll, and after each
 * backlog poll, whatever is left is what the next one will meet. A
 * backlog poll splices the whole input queue away first, so those samples
 * miss its length when a flood comes to it: the kernel's own count of its
 * refusals fills that in. A refusal by length (enqueue_to_backlog) means
 * the queue held more than netdev_max_backlog; by the flow limit
 * (skb_flow_limit), at least half of it. Each sample is a length the
 * queue really had, so the peak is a lower bound of the one the hook
 * measures. With a reader of /dev/rxpath, the refusals become records too.
 */
struct rxpath_backlog_sample {
	unsigned int peak;	/* also raised by the hook, from any CPU */
	unsigned int dropped;	/* softnet_stat's dropped, at the last sample */
	u64 flow_limit;		/* and its flow_limit count */
	bool primed;		/* those two were read once */
};

DECLARE_PER_CPU(struct rxpath_backlog_sample, rxpath_backlog_sample);
void __rxpath_softnet_refused(struct rxpath_backlog_sample *s,
			      struct softnet_data *sd, unsigned int dropped);

/*
 * Whether a sample of sd now would change nothing: no longer queue than
 * the peak, no refusal since the last sample. Reads only.
 */
static __always_inline bool rxpath_softnet_quiet(struct softnet_data *sd)
{
	return skb_queue_len_lockless(&sd->input_pkt_queue) <=
	       __this_cpu_read(rxpath_backlog_sample.peak) &&
	       rxpath_sd_dropped(sd) == __this_cpu_read(rxpath_backlog_sample.dropped);
}

/* A sample of sd, this CPU's softnet_data. */
static __always_inline void rxpath_softnet_sample(struct softnet_data *sd)
{
	unsigned int qlen = skb_queue_len_lockless(&sd->input_pkt_queue);
	unsigned int dropped = rxpath_sd_dropped(sd);

	if (unlikely(qlen > __this_cpu_read(rxpath_backlog_sample.peak)))
		rxpath_max_update(this_cpu_ptr(&rxpath_backlog_sample.peak), qlen);
	if (unlikely(dropped != __this_cpu_read(rxpath_backlog_sample.dropped)))
		__rxpath_softnet_refused(this_cpu_ptr(&rxpath_backlog_sample),
					 sd, dropped);
}

#endif /* _RXPATH_SOFTNET_H */
