/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels rxpath builds on lives here, as a
 * named wrapper, so that call sites carry no #if. Each wrapper names the
 * versions it follows. Where a header declares the difference, Kbuild's
 * feature tests tell it (RXPATH_HAVE_*: they hold for distribution
 * backports too); only what no shipped header shows goes by version.
 *
 * Floor: 5.10 (Debian 11). Older kernels fail here, at build time.
 */
#ifndef _RXPATH_COMPAT_H
#define _RXPATH_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "rxpath needs Linux 5.10 or newer"
#endif

#if !IS_ENABLED(CONFIG_KPROBES) || !IS_ENABLED(CONFIG_TRACEPOINTS)
#error "rxpath needs CONFIG_KPROBES and CONFIG_TRACEPOINTS"
#endif

/*
 * VISIBLE_IF_KUNIT and EXPORT_SYMBOL_IF_KUNIT: kunit/visibility.h, from 6.2
 * (Debian's 6.1.192 has it backported). Before, the same meaning here.
 */
#ifdef RXPATH_HAVE_KUNIT_VISIBILITY
#include <kunit/visibility.h>
#elif IS_ENABLED(CONFIG_KUNIT)
#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol) EXPORT_SYMBOL_NS(symbol, EXPORTED_FOR_KUNIT_TESTING)
#else
#define VISIBLE_IF_KUNIT static
#define EXPORT_SYMBOL_IF_KUNIT(symbol)
#endif

/* in_hardirq(): 5.11; in_irq() before, the same test. */
#ifndef in_hardirq
#define in_hardirq() in_irq()
#endif

/*
 * softnet_data.dropped: unsigned int up to 6.9; atomic_t from 6.10 (the
 * lockless enqueue_to_backlog pre-check); per-NUMA drop counters read with
 * numa_drop_read() in 7.x. Told apart by the Kbuild feature tests.
 */
static inline unsigned int rxpath_sd_dropped(struct softnet_data *sd)
{
#if defined(RXPATH_HAVE_NUMA_DROP_COUNTERS)
	return numa_drop_read(&sd->drop_counters);
#elif defined(RXPATH_HAVE_ATOMIC_SD_DROPPED)
	return atomic_read(&sd->dropped);
#else
	return READ_ONCE(sd->dropped);
#endif
}

/*
 * The flow limit's drop count, as /proc/net/softnet_stat shows it (which
 * prints its low 32 bits). struct sd_flow_limit is private (net/core/dev.h,
 * not in the header packages). Where the count is comes from vmlinux's BTF
 * when the kernel has it (softnet.c checks it at load); this mirror of the
 * head of the struct is the fallback, by version, as no header shows it:
 * - 6.1 to 6.12 (checked on Debian's 6.1.192 and 6.12.117): u64 count first;
 * - 7.x (checked on Debian's 7.2.13): a struct rcu_head, then unsigned int
 *   count.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
struct rxpath_sd_flow_limit_head {
	struct rcu_head rcu;
	unsigned int count;
};
#else
struct rxpath_sd_flow_limit_head {
	u64 count;
};
#endif

/* Where the count is in struct sd_flow_limit: byte offset, and 4 or 8 bytes. */
struct rxpath_flow_limit_layout {
	u32 offset;
	u32 size;
};

#define RXPATH_FLOW_LIMIT_MIRROR { \
	.offset = offsetof(struct rxpath_sd_flow_limit_head, count), \
	.size = sizeof_field(struct rxpath_sd_flow_limit_head, count), \
}

static inline u64 rxpath_sd_flow_limit_count(struct softnet_data *sd,
					     const struct rxpath_flow_limit_layout *l)
{
#ifdef CONFIG_NET_FLOW_LIMIT
	const u8 *fl;
	u64 count = 0;

	rcu_read_lock();
	fl = (const u8 *)rcu_dereference(sd->flow_limit);
	if (fl && l->size == sizeof(u64))
		count = READ_ONCE(*(const u64 *)(fl + l->offset));
	else if (fl)
		count = READ_ONCE(*(const u32 *)(fl + l->offset));
	rcu_read_unlock();
	return count;
#else
	return 0;
#endif
}

/*
 * Whether cpu's backlog NAPI runs in a thread of its own (6.10+: the
 * thread_backlog_napi boot parameter, always on PREEMPT_RT): then
 * process_backlog runs in backlog_napi/<cpu>, outside net_rx_action, with
 * no budget. backlog_napi_setup() marks it NAPI_STATE_THREADED, an enum
 * value from 5.12 (told by a feature test).
 */
static inline bool rxpath_backlog_threaded(unsigned int cpu)
{
#ifdef RXPATH_HAVE_NAPI_STATE_THREADED
	return test_bit(NAPI_STATE_THREADED, &per_cpu(softnet_data, cpu).backlog.state);
#else
	return false;
#endif
}

/*
 * Whether modules carry BTF of their own (/sys/kernel/btf/<module>): from
 * 5.11, with CONFIG_DEBUG_INFO_BTF_MODULES. Without it, a modular driver's
 * rings cannot be resolved (ring_resolve.c).
 */
static inline bool rxpath_have_module_btf(void)
{
	return IS_ENABLED(CONFIG_DEBUG_INFO_BTF_MODULES);
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

/*
 * The netdev_budget in force, which net_rx_action reads at the start of
 * every cycle. From 6.9 it lives in the exported struct net_hotdata; before,
 * the variable is not exported (6.1), and rxpath finds it through the
 * sysctl table that points at it (sysctl.c). NULL here means "look it up".
 */
#ifdef RXPATH_HAVE_NET_HOTDATA
#include <net/hotdata.h>
static inline int *rxpath_netdev_budget_var(void)
{
	return &net_hotdata.netdev_budget;
}
#define RXPATH_NETDEV_BUDGET_SOURCE "net_hotdata"
#else
static inline int *rxpath_netdev_budget_var(void)
{
	return NULL;
}
#define RXPATH_NETDEV_BUDGET_SOURCE "the net.core sysctl table"
#endif

/*
 * netdev_max_backlog in force: a member of net_hotdata from 6.9 on (not in
 * its first version), an exported variable before.
 */
#ifdef RXPATH_HAVE_HOTDATA_MAX_BACKLOG
#include <net/hotdata.h>
static inline int rxpath_netdev_max_backlog(void)
{
	return READ_ONCE(net_hotdata.max_backlog);
}
#else
static inline int rxpath_netdev_max_backlog(void)
{
	return READ_ONCE(netdev_max_backlog);
}
#endif

/*
 * Tracepoint probes run with preemption off up to 6.x. From 7.0 the
 * kernel calls them under SRCU, preemptible (tracepoint.h's __DO_TRACE
 * takes guard(srcu_fast_notrace)), and a probe that updates this CPU's
 * data in several steps must hold preemption off itself:
 * rxpath_tp_guard(), the first statement of each such probe, does that
 * there and nothing elsewhere.
 */
#ifdef RXPATH_HAVE_SRCU_TRACEPOINTS
#define rxpath_tp_guard() guard(preempt_notrace)()
#define RXPATH_TP_CONTEXT "preemptible (the kernel calls them under SRCU): each of rxpath's disables preemption itself"
#else
#define rxpath_tp_guard() do { } while (0)
#define RXPATH_TP_CONTEXT "preemption off (the kernel disables it around them)"
#endif

/*
 * The namespace of EXPORT_SYMBOL_IF_KUNIT, imported by the test module:
 * MODULE_IMPORT_NS takes a bare token up to 6.12, a string from 6.13.
 */
#ifdef RXPATH_HAVE_STRING_IMPORT_NS
#define RXPATH_IMPORT_KUNIT_NS() MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define RXPATH_IMPORT_KUNIT_NS() MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

#endif /* _RXPATH_COMPAT_H */
