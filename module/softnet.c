// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU softnet view: the kernel's own softnet counters, the live
 * backlog queue lengths, and what rxpath measures itself at the backlog:
 * packets offered to and refused by each CPU's backlog, the queue length
 * each one met, and its peak.
 *
 * Two hooks:
 * - per packet, switchable at run time (backlog_hook): a kprobe on
 *   enqueue_to_backlog reads the target CPU's input queue length and counts
 *   the packet in that CPU's histogram (offered packets are the histogram's
 *   sum). A packet costs one atomic add on the target CPU's data and one
 *   compare for the peak. The counters are indexed by the target CPU, not
 *   the CPU running the hook (with RPS they differ), hence atomics: the
 *   kernel holds that CPU's backlog lock at the same moment, so the cache
 *   line is moving already. The refusals among them are the growth of the
 *   kernel's own count (softnet_stat's dropped) since the hook went on:
 *   enqueue_to_backlog counts every one there, including those of a packet
 *   still referenced elsewhere, whose kfree_skb fires no tracepoint.
 * - the per-poll hook of napi.c, always on, calls rxpath_softnet_sample()
 *   at the first poll of each NET_RX cycle and after each backlog poll, so backlog_max
 *   stays meaningful (a lower bound) while the per-packet hook is off.
 *
 * The length is taken as enqueue_to_backlog compares it with
 * netdev_max_backlog: before the packet joins the queue. The kernel accepts
 * while that length is <= netdev_max_backlog, so a drop by length is seen at
 * netdev_max_backlog + 1.
 */
#include <linux/debugfs.h>
#include <linux/kprobes.h>
#include <linux/kallsyms.h>
#include <linux/percpu.h>
#include <linux/netdevice.h>
#include <linux/ptrace.h>
#include "rxpath.h"
#include "compat.h"
#include "softnet.h"
#include "btf.h"
#include "events.h"

/* Off by default: `make bench` measured its cost (bench/README.md). */
static bool backlog_hook;
module_param(backlog_hook, bool, 0444);
static char *backlog_func = "enqueue_to_backlog";
module_param(backlog_func, charp, 0444);
MODULE_PARM_DESC(backlog_func,
		 "The kernel function to probe for the backlog hook, for kernels whose build renamed enqueue_to_backlog (e.g. a .constprop.0 clone)");
MODULE_PARM_DESC(backlog_hook,
		 "Count every packet offered to a CPU backlog (per-packet kprobe on enqueue_to_backlog); switchable later in debugfs backlog_hook");

struct rxpath_backlog_stats {
	atomic64_t hist[RXPATH_HIST_BUCKETS];	/* offered, by queue length */
	unsigned int dropped_base;		/* dropped when counting began */
};

DEFINE_PER_CPU(struct rxpath_backlog_sample, rxpath_backlog_sample);

static struct rxpath_backlog_stats __percpu *rxpath_backlog;
static DEFINE_MUTEX(rxpath_backlog_hook_lock);

/* ---- probe context ---------------------------------------------------- */

/* A packet offered to cpu's backlog, whose input queue held qlen. */
VISIBLE_IF_KUNIT void rxpath_backlog_count(unsigned int cpu, unsigned int qlen)
{
	struct rxpath_backlog_stats *st = per_cpu_ptr(rxpath_backlog, cpu);

	atomic64_inc(&st->hist[rxpath_log2_bucket(qlen)]);
	rxpath_max_update(&per_cpu_ptr(&rxpath_backlog_sample, cpu)->peak, qlen);
	rxpath_events_backlog(cpu, qlen);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_backlog_count);

/* enqueue_to_backlog(struct sk_buff *skb, int cpu, unsigned int *qtail) */
static int rxpath_enqueue_pre(struct kprobe *kp, struct pt_regs *regs)
{
	unsigned int cpu = regs_get_kernel_argument(regs, 1);
	struct softnet_data *sd;

	if (unlikely(cpu >= nr_cpu_ids))
		return 0;
	sd = &per_cpu(softnet_data, cpu);
	rxpath_backlog_count(cpu, skb_queue_len_lockless(&sd->input_pkt_queue));
	return 0;
}

static struct kprobe rxpath_enqueue_kprobe = {
	.pre_handler = rxpath_enqueue_pre,
};

static char rxpath_enqueue_probe_name[KSYM_NAME_LEN + 8];
static struct rxpath_probe rxpath_enqueue_probe = {
	.name = rxpath_enqueue_probe_name,
	.kprobe = &rxpath_enqueue_kprobe,
};

/*
 * This CPU's backlog refused packets since its last sample (softnet.h):
 * the peak is at least what the refusals prove the queue held. Readers of
 * /dev/rxpath get them as BACKLOG_DROP records from here: the kernel's own
 * count, read on the CPU whose backlog refused them, coalesced (each
 * reader's count starts at its open: chardev.c trims what came before).
 */
void __rxpath_softnet_refused(struct rxpath_backlog_sample *s,
			      struct softnet_data *sd, unsigned int dropped)
{
	unsigned int limit = max(rxpath_netdev_max_backlog(), 0);
	u64 fl = rxpath_softnet_flow_limit(sd);

	/* Fewer flow-limit refusals than refusals: some were by length. */
	if (!s->primed)
		s->primed = true;	/* refusals from before the load */
	else if (fl - s->flow_limit < (unsigned int)(dropped - s->dropped))
		rxpath_max_update(&s->peak, limit + 1);
	else
		rxpath_max_update(&s->peak, limit / 2);
	if (static_branch_unlikely(&rxpath_events_on))
		__rxpath_events_refused(smp_processor_id(), dropped, dropped - s->dropped);
	s->dropped = dropped;
	s->flow_limit = fl;
}

/* The backlog's peak length since load or reset. */
unsigned int rxpath_softnet_backlog_max(unsigned int cpu)
{
	return READ_ONCE(per_cpu(rxpath_backlog_sample, cpu).peak);
}

/*
 * Where struct sd_flow_limit keeps its count: compat.h's mirror until
 * rxpath_softnet_check_layout() has looked in vmlinux's BTF, at load,
 * before any file that shows it exists.
 */
static struct rxpath_flow_limit_layout rxpath_fl_layout = RXPATH_FLOW_LIMIT_MIRROR;
static char rxpath_fl_source[128] = "not checked";

/* The flow limit's drop count of sd's CPU, as softnet_stat's column 11. */
u64 rxpath_softnet_flow_limit(struct softnet_data *sd)
{
	return rxpath_sd_flow_limit_count(sd, &rxpath_fl_layout);
}

/*
 * Checks the flow limit's layout against vmlinux's BTF (vm; NULL when it
 * cannot be read, why saying so), and reads the count where the BTF says
 * it is. Without BTF the mirror stays in force, unverified. Process
 * context, once, from ring_resolve.c's first pass over vmlinux's BTF.
 */
void rxpath_softnet_check_layout(const struct rxpath_btf *vm, const char *why)
{
	static const struct rxpath_flow_limit_layout mirror = RXPATH_FLOW_LIMIT_MIRROR;
	struct rxpath_btf_member m;
	u32 id;

	if (!IS_ENABLED(CONFIG_NET_FLOW_LIMIT)) {
		strscpy(rxpath_fl_source, "none: no CONFIG_NET_FLOW_LIMIT", sizeof(rxpath_fl_source));
		return;
	}
	if (!vm) {
		snprintf(rxpath_fl_source, sizeof(rxpath_fl_source),
			 "compat.h's mirror, not verified: %s", why);
		return;
	}
	id = rxpath_btf_find_struct(vm, "sd_flow_limit");
	if (!id || rxpath_btf_member(vm, id, "count", &m) ||
	    m.kind != RXPATH_BTF_INT || (m.size != 4 && m.size != 8) ||
	    m.offset % m.size || m.offset > 256) {
		snprintf(rxpath_fl_source, sizeof(rxpath_fl_source),
			 "compat.h's mirror, not verified: %s",
			 id ? "its count is not a 4- or 8-byte integer in vmlinux's BTF" :
			 "vmlinux's BTF has no struct sd_flow_limit");
		return;
	}
	rxpath_fl_layout = (struct rxpath_flow_limit_layout) {
		.offset = m.offset, .size = m.size,
	};
	if (m.offset == mirror.offset && m.size == mirror.size)
		strscpy(rxpath_fl_source, "compat.h's mirror, verified against vmlinux's BTF",
			sizeof(rxpath_fl_source));
	else
		snprintf(rxpath_fl_source, sizeof(rxpath_fl_source),
			 "vmlinux's BTF (compat.h's mirror says byte %u, %u bytes)",
			 mirror.offset, mirror.size);
}

/* ---- control ---------------------------------------------------------- */

static bool rxpath_backlog_hook_on(void)
{
	return rxpath_enqueue_probe.attached &&
	       !kprobe_disabled(&rxpath_enqueue_kprobe);
}

static void rxpath_backlog_zero(bool hook_counts, bool peaks)
{
	unsigned int cpu, b;

	for_each_possible_cpu(cpu) {
		struct rxpath_backlog_stats *st = per_cpu_ptr(rxpath_backlog, cpu);

		if (hook_counts) {
			for (b = 0; b < RXPATH_HIST_BUCKETS; b++)
				atomic64_set(&st->hist[b], 0);
			WRITE_ONCE(st->dropped_base,
				   rxpath_sd_dropped(&per_cpu(softnet_data, cpu)));
		}
		if (peaks)
			WRITE_ONCE(per_cpu(rxpath_backlog_sample, cpu).peak, 0);
	}
}

static void rxpath_softnet_reset(void)
{
	rxpath_backlog_zero(true, true);
}

/*
 * Switching the hook on starts its counts from zero: they always cover one
 * unbroken stretch of time, since the hook was switched on or since the last
 * reset, whichever is later.
 */
static int rxpath_backlog_hook_set(bool on)
{
	int err = 0;

	mutex_lock(&rxpath_backlog_hook_lock);
	if (on == rxpath_backlog_hook_on())
		goto out;
	if (on) {
		rxpath_backlog_zero(true, false);
		err = enable_kprobe(&rxpath_enqueue_kprobe);
	} else {
		err = disable_kprobe(&rxpath_enqueue_kprobe);
	}
out:
	mutex_unlock(&rxpath_backlog_hook_lock);
	return err;
}

static int rxpath_backlog_hook_show(struct seq_file *m, void *v)
{
	seq_puts(m, rxpath_backlog_hook_on() ? "on\n" : "off\n");
	return 0;
}

/* The switch's write: refused while the hook's probe is not attached. */
static int rxpath_backlog_hook_switch(bool on)
{
	if (!rxpath_enqueue_probe.attached) {
		pr_warn_ratelimited("backlog_hook: the probe is not attached on this kernel, see status\n");
		return -ENODEV;
	}
	return rxpath_backlog_hook_set(on);
}

static ssize_t rxpath_backlog_hook_write(struct file *file,
					 const char __user *ubuf, size_t len,
					 loff_t *ppos)
{
	return rxpath_switch_write("backlog_hook", ubuf, len, ppos,
				   rxpath_backlog_hook_switch);
}

static const struct rxpath_file rxpath_backlog_hook_file = {
	.show = rxpath_backlog_hook_show,
	.write = rxpath_backlog_hook_write,
};

/* ---- tables ------------------------------------------------------------ */

static u64 rxpath_backlog_offered(const struct rxpath_backlog_stats *st)
{
	u64 sum = 0;
	unsigned int b;

	for (b = 0; b < RXPATH_HIST_BUCKETS; b++)
		sum += atomic64_read(&st->hist[b]);
	return sum;
}

static void rxpath_softnet_header(struct seq_file *m, unsigned long *state)
{
	seq_puts(m, "cpu processed dropped time_squeeze received_rps flow_limit input_qlen process_qlen backlog_max backlog_enqueues backlog_drops\n");
}

static void rxpath_softnet_row(struct seq_file *m, unsigned int cpu,
			       unsigned long state)
{
	struct softnet_data *sd = &per_cpu(softnet_data, cpu);
	struct rxpath_backlog_stats *st = per_cpu_ptr(rxpath_backlog, cpu);

	seq_printf(m, "%u %u %u %u %u %llu %u %u %u", cpu,
		   rxpath_sd_processed(sd), rxpath_sd_dropped(sd),
		   rxpath_sd_time_squeeze(sd), rxpath_sd_received_rps(sd),
		   rxpath_softnet_flow_limit(sd),
		   skb_queue_len_lockless(&sd->input_pkt_queue),
		   skb_queue_len_lockless(&sd->process_queue),
		   rxpath_softnet_backlog_max(cpu));
	if (!rxpath_backlog_hook_on())
		seq_puts(m, " - -\n");
	else
		seq_printf(m, " %llu %u\n", rxpath_backlog_offered(st),
			   rxpath_sd_dropped(sd) - READ_ONCE(st->dropped_base));
}

VISIBLE_IF_KUNIT const struct rxpath_cpu_table rxpath_softnet_table = {
	.show_header = rxpath_softnet_header,
	.show_row = rxpath_softnet_row,
};
EXPORT_SYMBOL_IF_KUNIT(rxpath_softnet_table);

/* Buckets up to the highest one in use on any CPU, and at least to 1024. */
static unsigned int rxpath_backlog_hist_width(void)
{
	unsigned int cpu, b, width = rxpath_log2_bucket(1024) + 1;

	for_each_possible_cpu(cpu) {
		struct rxpath_backlog_stats *st = per_cpu_ptr(rxpath_backlog, cpu);

		for (b = width; b < RXPATH_HIST_BUCKETS; b++)
			if (atomic64_read(&st->hist[b]))
				width = b + 1;
	}
	return width;
}

static void rxpath_backlog_hist_header(struct seq_file *m, unsigned long *state)
{
	*state = rxpath_backlog_hist_width();
	rxpath_seq_hist_header(m, *state);
}

static void rxpath_backlog_hist_row(struct seq_file *m, unsigned int cpu,
				    unsigned long state)
{
	struct rxpath_backlog_stats *st = per_cpu_ptr(rxpath_backlog, cpu);
	unsigned int b, width = state;
	bool on = rxpath_backlog_hook_on();

	seq_printf(m, "%u", cpu);
	for (b = 0; b < width; b++) {
		if (on)
			seq_printf(m, " %lld", atomic64_read(&st->hist[b]));
		else
			seq_puts(m, " -");
	}
	seq_putc(m, '\n');
}

VISIBLE_IF_KUNIT const struct rxpath_cpu_table rxpath_backlog_hist_table = {
	.show_header = rxpath_backlog_hist_header,
	.show_row = rxpath_backlog_hist_row,
};
EXPORT_SYMBOL_IF_KUNIT(rxpath_backlog_hist_table);

static void rxpath_softnet_show_status(struct seq_file *m)
{
	seq_printf(m, "backlog_hook %s\n", rxpath_backlog_hook_on() ? "on" : "off");
	seq_printf(m, "flow_limit_count byte %u, %u bytes: %s\n",
		   rxpath_fl_layout.offset, rxpath_fl_layout.size, rxpath_fl_source);
}

/* ---- init / exit ------------------------------------------------------- */

static int rxpath_softnet_init(void)
{
	rxpath_backlog = alloc_percpu(struct rxpath_backlog_stats);
	if (!rxpath_backlog)
		return -ENOMEM;

	/* Counting starts now, from the kernel's count of refusals. */
	rxpath_backlog_zero(true, false);
	/* Its place in status, first; attached at start. */
	rxpath_enqueue_kprobe.symbol_name = backlog_func;
	snprintf(rxpath_enqueue_probe_name, sizeof(rxpath_enqueue_probe_name),
		 "kprobe:%s", backlog_func);
	rxpath_probe_idle(&rxpath_enqueue_probe);
	return 0;
}

/* The kprobe, once the load can no longer be refused (rxpath.h's start). */
static void rxpath_softnet_start(void)
{
	if (!backlog_hook)
		rxpath_enqueue_kprobe.flags |= KPROBE_FLAG_DISABLED;
	rxpath_probe_report(&rxpath_enqueue_probe,
			    register_kprobe(&rxpath_enqueue_kprobe),
			    "no such function to probe, or not probe-able");
}

static void rxpath_softnet_files(void)
{
	rxpath_cpu_table_add("softnet", &rxpath_softnet_table);
	rxpath_cpu_table_add("backlog_hist", &rxpath_backlog_hist_table);
	rxpath_file_add("backlog_hook", &rxpath_backlog_hook_file);
}

static void rxpath_softnet_exit(void)
{
	/* It returns once no handler runs: none is left on the data freed. */
	if (rxpath_enqueue_probe.attached)
		unregister_kprobe(&rxpath_enqueue_kprobe);
	rxpath_probe_forget(&rxpath_enqueue_probe);
	free_percpu(rxpath_backlog);
}

const struct rxpath_concern rxpath_softnet_concern = {
	.name = "softnet",
	.init = rxpath_softnet_init,
	.start = rxpath_softnet_start,
	.exit = rxpath_softnet_exit,
	.files = rxpath_softnet_files,
	.show_status = rxpath_softnet_show_status,
	.reset = rxpath_softnet_reset,
};
