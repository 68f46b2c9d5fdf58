/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels rxpath builds on lives here, as a
 * named wrapper, so that call sites carry no #if. Each wrapper names the
 * versions and the upstream change it follows. Where a macro can be tested,
 * the test is on the feature; struct members can only be told apart by
 * version.
 *
 * Floor: 6.1 (Debian 12). Older kernels fail here, at build time.
 */
#ifndef _RXPATH_COMPAT_H
#define _RXPATH_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "rxpath needs Linux 6.1 or newer"
#endif

#if !IS_ENABLED(CONFIG_KPROBES) || !IS_ENABLED(CONFIG_KRETPROBES)
#error "rxpath needs CONFIG_KPROBES and CONFIG_KRETPROBES"
#endif

/*
 * softnet_data.dropped: unsigned int up to 6.9; atomic_t from 6.10
 * ("net: move softnet_data.dropped to a separate cache line" and the
 * lockless enqueue_to_backlog pre-check); replaced by per-NUMA drop counters
 * read with numa_drop_read() in 7.0.
 */
static inline unsigned int rxpath_sd_dropped(struct softnet_data *sd)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
	return numa_drop_read(&sd->drop_counters);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	return atomic_read(&sd->dropped);
#else
	return READ_ONCE(sd->dropped);
#endif
}

/*
 * The flow limit's drop count, as /proc/net/softnet_stat shows it.
 * struct sd_flow_limit moved to the private net/core/dev.h in 6.1 and is not
 * in the header packages; its first member has been the u64 "count" since
 * it was introduced (3.15), which is all rxpath reads.
 */
struct rxpath_sd_flow_limit_head {
	u64 count;
};

static inline u64 rxpath_sd_flow_limit_count(struct softnet_data *sd)
{
#ifdef CONFIG_NET_FLOW_LIMIT
	const struct rxpath_sd_flow_limit_head *fl;
	u64 count = 0;

	rcu_read_lock();
	fl = (const void *)rcu_dereference(sd->flow_limit);
	if (fl)
		count = READ_ONCE(fl->count);
	rcu_read_unlock();
	return count;
#else
	return 0;
#endif
}

/* 7.x writes these with WRITE_ONCE; plain reads before were racy too. */
static inline unsigned int rxpath_sd_processed(struct softnet_data *sd)
{
	return READ_ONCE(sd->processed);
}

static inline unsigned int rxpath_sd_time_squeeze(struct softnet_data *sd)
{
	return READ_ONCE(sd->time_squeeze);
}

static inline unsigned int rxpath_sd_received_rps(struct softnet_data *sd)
{
	return READ_ONCE(sd->received_rps);
}

#endif /* _RXPATH_COMPAT_H */
