// SPDX-License-Identifier: GPL-2.0
/*
 * NAPI budget accounting, per net_rx_action cycle.
 *
 * A NET_RX softirq runs net_rx_action once: a cycle. The cycle takes
 * netdev_budget at its start and ends drained, or squeezed when its polls
 * have spent the budget or netdev_budget_usecs has passed; a squeeze is
 * exactly what increments the CPU's softnet time_squeeze, right after a
 * poll. rxpath classifies each squeezed cycle by its work: squeezed by the
 * packet budget if its polls' work reached the budget, by time otherwise.
 * So budget_squeeze + time_squeeze equals the kernel's count, and only the
 * split is rxpath's.
 *
 * Cost: no probe of its own. The cycles are the CPU's count of NET_RX
 * softirqs (kstat, what /proc/softirqs shows), and napi.c's napi:napi_poll
 * probe hands every poll to rxpath_budget_poll(). The first poll of a cycle
 * (the count moved) closes the CPU's previous cycle with polls: nothing can
 * squeeze a cycle after its last poll, so time_squeeze read then tells how
 * it ended. A cycle in which nothing polled (an RPS IPI only) used none of
 * its budget and was not squeezed. The last cycle with polls stays open
 * until the next one; a reader classifies it as it stands (at rest, as it
 * ended).
 *
 * cycle_clock (off by default) times every cycle: irq:softirq_entry and
 * irq:softirq_exit, probes on every softirq of any kind, with a
 * local_clock() read at each end of a NET_RX one; each cycle is then closed
 * at its exit, so its /dev/rxpath record goes out at once.
 *
 * Polls outside a NET_RX softirq (threaded NAPI, threaded backlog, busy
 * polling) are counted in outside_polls, never in a cycle: they have no
 * budget and cannot squeeze.
 *
 * Every count is per CPU and written only by its CPU, in softirq or
 * bottom-half context, under its seqcount; readers take a consistent copy.
 * A reset marks where counting starts (each CPU's NET_RX count) and bumps a
 * generation number; each CPU zeroes its own counts at its next cycle.
 */
#include <linux/interrupt.h>
#include <linux/kernel_stat.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/sched/clock.h>
#include <linux/seqlock.h>
#include <linux/tracepoint.h>
#include "rxpath.h"
#include "compat.h"
#include "budget.h"
#include "events.h"
#include "napi.h"

static int rxpath_budget_warn_pct_set(const char *val,
				      const struct kernel_param *kp);
static const struct kernel_param_ops rxpath_budget_warn_pct_ops = {
	.set = rxpath_budget_warn_pct_set,
	.get = param_get_uint,
};
static unsigned int rxpath_budget_warn = 50;
/*
 * A cycle that leaves at least this percentage of its budget is counted
 * by no one (budget_hist's first bucket aside): the most of budget_warn_pct
 * and the readers' budget_left_pct.
 */
static unsigned int rxpath_budget_light_pct = 50;
/*
 * Moves on at every reset and light_pct change, after them; each CPU's
 * light limit is zeroed then, so that its next cycle is worked out on the
 * new terms (rxpath_budget_turn).
 */
static unsigned int rxpath_budget_terms;
static DEFINE_SPINLOCK(rxpath_budget_terms_lock);

static void rxpath_budget_terms_moved(void)
{
	unsigned int cpu;

	lockdep_assert_held(&rxpath_budget_terms_lock);
	/* Pairs with rxpath_budget_turn()'s smp_rmb(): the change first. */
	smp_wmb();
	WRITE_ONCE(rxpath_budget_terms, rxpath_budget_terms + 1);
	/*
	 * Pairs with rxpath_budget_turn()'s smp_mb(): a limit it set on the
	 * old terms is zeroed here, or it sees the new word and zeroes it.
	 */
	smp_mb();
	for_each_possible_cpu(cpu)
		WRITE_ONCE(per_cpu(rxpath_budget_cpu, cpu).light, 0);
}

/* After budget_warn_pct or a reader's filter changed. */
void rxpath_budget_light_update(void)
{
	spin_lock(&rxpath_budget_terms_lock);
	WRITE_ONCE(rxpath_budget_light_pct, max(READ_ONCE(rxpath_budget_warn),
						READ_ONCE(rxpath_events_cycle_pct)));
	rxpath_budget_terms_moved();
	spin_unlock(&rxpath_budget_terms_lock);
}
module_param_cb(budget_warn_pct, &rxpath_budget_warn_pct_ops,
		&rxpath_budget_warn, 0444);
MODULE_PARM_DESC(budget_warn_pct,
		 "A cycle that ends with less than this percentage (0-100) of netdev_budget left counts in low_budget_cycles; settable later in debugfs budget_warn_pct");

static bool cycle_clock;
module_param(cycle_clock, bool, 0444);
MODULE_PARM_DESC(cycle_clock,
		 "Time every NET_RX cycle (max_cycle_usecs; irq:softirq_entry/exit probes on every softirq); switchable later in debugfs cycle_clock");

/* Static, not allocated: the per-poll step addresses it directly. */
DEFINE_PER_CPU(struct rxpath_budget_cpu, rxpath_budget_cpu);
static unsigned int rxpath_budget_gen;
/* netdev_budget; until it is found, or if it is not, a budget of 0. */
static int rxpath_budget_none;
int *rxpath_budget_var = &rxpath_budget_none;
static int rxpath_budget_var_err;
static DEFINE_MUTEX(rxpath_cycle_clock_lock);

static unsigned int rxpath_net_rx_count(unsigned int cpu)
{
	return kstat_softirqs_cpu(NET_RX_SOFTIRQ, cpu);
}

static bool rxpath_budget_known(void)
{
	return READ_ONCE(rxpath_budget_var) != &rxpath_budget_none;
}

/* Whether cycle mark comes after base (the counts wrap). */
static bool rxpath_cycle_after(unsigned int mark, unsigned int base)
{
	return (int)(mark - base) > 0;
}

/* ---- probe context ---------------------------------------------------- */

/* Call inside the write section: zeroes the counts if a reset came since. */
static void rxpath_budget_fresh(struct rxpath_budget_cpu *bc)
{
	unsigned int gen = READ_ONCE(rxpath_budget_gen);

	if (unlikely(bc->gen != gen)) {
		memset(&bc->c, 0, sizeof(bc->c));
		WRITE_ONCE(bc->gen, gen);
	}
}

/*
 * A cycle's counts into c, as it ended with time_squeeze at squeeze: its
 * end, its share of the budget (its work is in c already). Inside the
 * write section, or on a reader's copy.
 */
static enum rxpath_cycle_end
rxpath_budget_count(struct rxpath_budget_counts *c,
		    const struct rxpath_budget_cycle *cyc, unsigned int squeeze)
{
	unsigned int bucket = rxpath_budget_bucket(cyc->work, cyc->budget);
	enum rxpath_cycle_end end;

	end = rxpath_cycle_end(cyc->squeeze, squeeze, cyc->work, cyc->budget);
	if (end == RXPATH_CYCLE_BUDGET)
		WRITE_ONCE(c->budget_squeeze, c->budget_squeeze + 1);
	else if (end == RXPATH_CYCLE_TIME)
		WRITE_ONCE(c->time_squeeze, c->time_squeeze + 1);
	if (rxpath_budget_left_pct(cyc->work, cyc->budget) <
	    READ_ONCE(rxpath_budget_warn))
		WRITE_ONCE(c->low, c->low + 1);
	WRITE_ONCE(c->hist[bucket], c->hist[bucket] + 1);
	return end;
}

/* Counts this CPU's open cycle, if it is one since the reset. */
static void rxpath_budget_close(struct rxpath_budget_cpu *bc,
				unsigned int squeeze, unsigned int usecs,
				bool timed)
{
	enum rxpath_cycle_end end;

	bc->cur.open = false;
	if (!rxpath_cycle_after(bc->cur.mark, READ_ONCE(bc->base)))
		return;
	end = rxpath_budget_count(&bc->c, &bc->cur, squeeze);
	rxpath_events_cycle(bc->cur.budget, bc->cur.work, end, usecs, timed);
}

/* A poll outside any NET_RX softirq. */
void rxpath_budget_outside(void)
{
	struct rxpath_budget_cpu *bc = this_cpu_ptr(&rxpath_budget_cpu);

	raw_write_seqcount_begin(&bc->seq);
	rxpath_budget_fresh(bc);
	WRITE_ONCE(bc->c.outside_polls, bc->c.outside_polls + 1);
	raw_write_seqcount_end(&bc->seq);
}

/*
 * The first poll of cycle mark on this CPU, time_squeeze at squeeze, when
 * the last cycle with polls may need counting (rxpath_budget_light): it is
 * counted, and this one opens.
 */
void rxpath_budget_turn(unsigned int mark, unsigned int squeeze)
{
	struct rxpath_budget_cpu *bc = this_cpu_ptr(&rxpath_budget_cpu);
	unsigned int terms = READ_ONCE(rxpath_budget_terms);

	/* Pairs with rxpath_budget_terms_moved(): what changed before it. */
	smp_rmb();
	raw_write_seqcount_begin(&bc->seq);
	rxpath_budget_fresh(bc);
	if (bc->cur.open)
		rxpath_budget_close(bc, squeeze, 0, false);
	bc->cur.mark = mark;
	bc->cur.budget = READ_ONCE(*READ_ONCE(rxpath_budget_var));
	bc->cur.squeeze = squeeze;
	bc->cur.work = 0;
	bc->cur.open = true;
	WRITE_ONCE(bc->light, rxpath_budget_light_limit(bc->cur.budget,
					READ_ONCE(rxpath_budget_light_pct)));
	raw_write_seqcount_end(&bc->seq);
	/* Pairs with rxpath_budget_terms_moved()'s smp_mb(). */
	smp_mb();
	if (READ_ONCE(rxpath_budget_terms) != terms)
		WRITE_ONCE(bc->light, 0);
}

/* cycle_clock, TP_PROTO(unsigned int vec_nr) */
static void rxpath_budget_softirq_entry(void *data, unsigned int vec_nr)
{
	struct rxpath_budget_cpu *bc;

	rxpath_tp_guard();
	if (vec_nr != NET_RX_SOFTIRQ)
		return;
	bc = this_cpu_ptr(&rxpath_budget_cpu);
	bc->clock_start = local_clock();
	bc->clock_mark = __this_cpu_read(kstat.softirqs[NET_RX_SOFTIRQ]);
}

/* cycle_clock, TP_PROTO(unsigned int vec_nr) */
static void rxpath_budget_softirq_exit(void *data, unsigned int vec_nr)
{
	unsigned int mark, usecs, squeeze;
	struct rxpath_budget_cpu *bc;

	rxpath_tp_guard();
	if (vec_nr != NET_RX_SOFTIRQ)
		return;
	bc = this_cpu_ptr(&rxpath_budget_cpu);
	mark = __this_cpu_read(kstat.softirqs[NET_RX_SOFTIRQ]);
	if (bc->clock_mark != mark)	/* its entry came before the clock */
		return;
	usecs = min_t(u64, div_u64(local_clock() - bc->clock_start,
				   NSEC_PER_USEC), UINT_MAX);
	squeeze = rxpath_sd_time_squeeze(this_cpu_ptr(&softnet_data));
	/* A light cycle, or one in which nothing polled: its duration only. */
	if (rxpath_budget_light(squeeze) || bc->cur.mark != mark) {
		if (bc->gen == READ_ONCE(rxpath_budget_gen) &&
		    rxpath_cycle_after(mark, READ_ONCE(bc->base)) &&
		    usecs > bc->c.max_usecs)
			WRITE_ONCE(bc->c.max_usecs, usecs);
		if (bc->cur.mark == mark)
			WRITE_ONCE(bc->cur.open, false);
		return;
	}
	raw_write_seqcount_begin(&bc->seq);
	rxpath_budget_fresh(bc);
	if (rxpath_cycle_after(mark, READ_ONCE(bc->base)) &&
	    usecs > bc->c.max_usecs)
		WRITE_ONCE(bc->c.max_usecs, usecs);
	if (bc->cur.open) {
		rxpath_budget_close(bc, squeeze, usecs, true);
		/* Counted: to the next cycle's first poll, it looks light. */
		bc->cur.squeeze = squeeze;
		bc->cur.work = 0;
	}
	raw_write_seqcount_end(&bc->seq);
}

static struct rxpath_probe rxpath_softirq_entry_probe = {
	.name = "tracepoint:irq:softirq_entry",
	.when = "cycle_clock on",
};

static struct rxpath_probe rxpath_softirq_exit_probe = {
	.name = "tracepoint:irq:softirq_exit",
	.when = "cycle_clock on",
};

/* ---- control ---------------------------------------------------------- */

/* Counting starts over on every CPU, from its NET_RX cycle in progress. */
static void rxpath_budget_reset(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		WRITE_ONCE(per_cpu_ptr(&rxpath_budget_cpu, cpu)->base,
			   rxpath_net_rx_count(cpu));
	/* A CPU that sees the new generation sees the new base. */
	smp_wmb();
	spin_lock(&rxpath_budget_terms_lock);
	WRITE_ONCE(rxpath_budget_gen, READ_ONCE(rxpath_budget_gen) + 1);
	rxpath_budget_terms_moved();
	spin_unlock(&rxpath_budget_terms_lock);
}

static bool rxpath_cycle_clock_on(void)
{
	return rxpath_softirq_exit_probe.attached &&
	       rxpath_softirq_entry_probe.attached;
}

/* Attaches or detaches the clock's probes; exit first in, entry first out. */
static int rxpath_cycle_clock_set(bool on)
{
	int err = 0;

	mutex_lock(&rxpath_cycle_clock_lock);
	if (on == rxpath_cycle_clock_on())
		goto out;
	if (on) {
		rxpath_tracepoint_attach(&rxpath_softirq_exit_probe, "softirq_exit",
					 rxpath_budget_softirq_exit);
		rxpath_tracepoint_attach(&rxpath_softirq_entry_probe, "softirq_entry",
					 rxpath_budget_softirq_entry);
		if (!rxpath_cycle_clock_on()) {
			/* The one that failed stays in status, with why. */
			err = rxpath_softirq_exit_probe.err ?:
			      rxpath_softirq_entry_probe.err;
			if (rxpath_softirq_entry_probe.attached)
				rxpath_tracepoint_detach(&rxpath_softirq_entry_probe);
			if (rxpath_softirq_exit_probe.attached)
				rxpath_tracepoint_detach(&rxpath_softirq_exit_probe);
		}
	} else {
		rxpath_tracepoint_detach(&rxpath_softirq_entry_probe);
		rxpath_tracepoint_detach(&rxpath_softirq_exit_probe);
	}
out:
	mutex_unlock(&rxpath_cycle_clock_lock);
	return err;
}

static int rxpath_budget_warn_pct_set(const char *val,
				      const struct kernel_param *kp)
{
	unsigned int pct;

	if (rxpath_parse_pct(val, &pct)) {
		pr_warn("budget_warn_pct: a whole percentage, 0 to 100, is needed (got \"%.16s\")\n",
			val);
		return -EINVAL;
	}
	WRITE_ONCE(rxpath_budget_warn, pct);
	rxpath_budget_light_update();
	return 0;
}

static int rxpath_budget_warn_pct_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%u\n", READ_ONCE(rxpath_budget_warn));
	return 0;
}

static ssize_t rxpath_budget_warn_pct_write(struct file *file,
					    const char __user *ubuf,
					    size_t len, loff_t *ppos)
{
	char word[8];
	unsigned int pct;
	int err;

	err = rxpath_parse_word(ubuf, len, ppos, word, sizeof(word));
	if (err == -EFAULT)
		return err;
	if (err || rxpath_parse_pct(word, &pct)) {
		pr_warn_ratelimited("budget_warn_pct: write a whole percentage, 0 to 100 (got %zu bytes)\n",
				    len);
		return -EINVAL;
	}
	WRITE_ONCE(rxpath_budget_warn, pct);
	rxpath_budget_light_update();
	return len;
}

static const struct rxpath_file rxpath_budget_warn_pct_file = {
	.show = rxpath_budget_warn_pct_show,
	.write = rxpath_budget_warn_pct_write,
};

static int rxpath_cycle_clock_show(struct seq_file *m, void *v)
{
	seq_puts(m, rxpath_cycle_clock_on() ? "on\n" : "off\n");
	return 0;
}

static ssize_t rxpath_cycle_clock_write(struct file *file,
					const char __user *ubuf, size_t len,
					loff_t *ppos)
{
	return rxpath_switch_write("cycle_clock", ubuf, len, ppos,
				   rxpath_cycle_clock_set);
}

static const struct rxpath_file rxpath_cycle_clock_file = {
	.show = rxpath_cycle_clock_show,
	.write = rxpath_cycle_clock_write,
};

/* ---- tables ------------------------------------------------------------- */

/* What a table shows of one CPU. */
struct rxpath_budget_view {
	u64 cycles;
	u64 drained;
	struct rxpath_budget_counts c;
};

/*
 * cpu's counts as of now: its closed cycles, its open one classified as it
 * stands, and the cycles since the reset in which nothing polled.
 */
static void rxpath_budget_read(unsigned int cpu, struct rxpath_budget_view *v)
{
	struct rxpath_budget_cpu *bc = per_cpu_ptr(&rxpath_budget_cpu, cpu);
	struct rxpath_budget_cycle cur;
	unsigned int seq, base, b;
	bool fresh;
	u64 sum = 0;

	memset(v, 0, sizeof(*v));
	do {
		seq = read_seqcount_begin(&bc->seq);
		base = READ_ONCE(bc->base);
		fresh = READ_ONCE(bc->gen) == READ_ONCE(rxpath_budget_gen);
		if (fresh)
			v->c = bc->c;
		cur = bc->cur;
	} while (read_seqcount_retry(&bc->seq, seq));
	if (!fresh)
		memset(&v->c, 0, sizeof(v->c));
	if (cur.open && rxpath_cycle_after(cur.mark, base))
		rxpath_budget_count(&v->c, &cur,
				    rxpath_sd_time_squeeze(&per_cpu(softnet_data, cpu)));
	v->cycles = (unsigned int)(rxpath_net_rx_count(cpu) - base);
	for (b = 0; b < RXPATH_BUDGET_BUCKETS; b++)
		sum += v->c.hist[b];
	/* A copy older than the count cannot hold more cycles than it. */
	v->cycles = max(v->cycles, sum);
	v->c.hist[0] += v->cycles - sum;
	v->drained = v->cycles - v->c.budget_squeeze - v->c.time_squeeze;
}

static void rxpath_budget_header(struct seq_file *m, unsigned long *state)
{
	seq_puts(m, "cpu cycles drained_cycles budget_squeeze time_squeeze low_budget_cycles work max_cycle_usecs outside_polls\n");
}

static void rxpath_budget_row(struct seq_file *m, unsigned int cpu,
			      unsigned long state)
{
	struct rxpath_budget_view v;

	rxpath_budget_read(cpu, &v);
	seq_printf(m, "%u", cpu);
	if (!rxpath_napi_polls_seen()) {
		seq_puts(m, " - - - - - - - -\n");
		return;
	}
	seq_printf(m, " %llu %llu", v.cycles, v.drained);
	if (rxpath_budget_known())
		seq_printf(m, " %llu %llu %llu", v.c.budget_squeeze,
			   v.c.time_squeeze, v.c.low);
	else
		seq_puts(m, " - - -");
	seq_printf(m, " %llu", v.c.work);
	if (rxpath_cycle_clock_on())
		seq_printf(m, " %u", v.c.max_usecs);
	else
		seq_puts(m, " -");
	seq_printf(m, " %llu\n", v.c.outside_polls);
}

VISIBLE_IF_KUNIT const struct rxpath_cpu_table rxpath_budget_table = {
	.show_header = rxpath_budget_header,
	.show_row = rxpath_budget_row,
};
EXPORT_SYMBOL_IF_KUNIT(rxpath_budget_table);

static void rxpath_budget_hist_header(struct seq_file *m, unsigned long *state)
{
	unsigned int b;

	seq_puts(m, "cpu");
	for (b = 0; b + 1 < RXPATH_BUDGET_BUCKETS; b++)
		seq_printf(m, " %u-%u", b * 10, b * 10 + 9);
	seq_printf(m, " %u+\n", b * 10);
}

static void rxpath_budget_hist_row(struct seq_file *m, unsigned int cpu,
				   unsigned long state)
{
	struct rxpath_budget_view v;
	unsigned int b;
	bool ok = rxpath_napi_polls_seen() && rxpath_budget_known();

	rxpath_budget_read(cpu, &v);
	seq_printf(m, "%u", cpu);
	for (b = 0; b < RXPATH_BUDGET_BUCKETS; b++) {
		if (ok)
			seq_printf(m, " %llu", v.c.hist[b]);
		else
			seq_puts(m, " -");
	}
	seq_putc(m, '\n');
}

VISIBLE_IF_KUNIT const struct rxpath_cpu_table rxpath_budget_hist_table = {
	.show_header = rxpath_budget_hist_header,
	.show_row = rxpath_budget_hist_row,
};
EXPORT_SYMBOL_IF_KUNIT(rxpath_budget_hist_table);

static void rxpath_budget_show_status(struct seq_file *m)
{
	bool threaded = false;
	unsigned int cpu;
	u64 outside = 0;

	if (rxpath_budget_known())
		seq_printf(m, "netdev_budget %d (read from %s)\n",
			   READ_ONCE(*rxpath_budget_var),
			   RXPATH_NETDEV_BUDGET_SOURCE);
	else
		seq_printf(m, "netdev_budget unknown: %pe from %s; budget_squeeze, time_squeeze, low_budget_cycles and budget_hist show -\n",
			   ERR_PTR(rxpath_budget_var_err),
			   RXPATH_NETDEV_BUDGET_SOURCE);
	seq_printf(m, "budget_warn_pct %u\n", READ_ONCE(rxpath_budget_warn));
	seq_printf(m, "cycle_clock %s\n", rxpath_cycle_clock_on() ? "on" : "off");
	for_each_possible_cpu(cpu) {
		struct rxpath_budget_view v;

		rxpath_budget_read(cpu, &v);
		outside += v.c.outside_polls;
		threaded |= rxpath_backlog_threaded(cpu);
	}
	seq_printf(m, "napi_polls_outside_net_rx_action %llu%s\n", outside,
		   outside ? " (threaded NAPI or backlog, or busy polling: in napi, not in budget)" : "");
	seq_printf(m, "backlog_napi %s\n", threaded ?
		   "threads (thread_backlog_napi: process_backlog runs in backlog_napi/N, outside net_rx_action, with no budget)" :
		   "softirq");
}

/* ---- init / exit ------------------------------------------------------- */

/*
 * Called before any concern's init (main.c): the lookup's temporary kprobe
 * changes the filter of ftrace's kprobe ops, which re-patches every call
 * site that ops covers; before rxpath's own probes exist, that is only the
 * handler's.
 */
static void rxpath_budget_find(void)
{
	int *var = rxpath_netdev_budget_var();

	if (!var) {
		var = rxpath_sysctl_net_core_var("netdev_budget", "proc_dointvec",
						 sizeof(int));
		if (IS_ERR(var)) {
			rxpath_budget_var_err = PTR_ERR(var);
			pr_warn("netdev_budget not found (%pe): cycles are not split by cause\n",
				var);
			return;
		}
	}
	WRITE_ONCE(rxpath_budget_var, var);
}

static int rxpath_budget_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct rxpath_budget_cpu *bc = per_cpu_ptr(&rxpath_budget_cpu, cpu);

		seqcount_init(&bc->seq);
		bc->base = rxpath_net_rx_count(cpu);
	}
	rxpath_probe_idle(&rxpath_softirq_exit_probe);
	rxpath_probe_idle(&rxpath_softirq_entry_probe);
	if (cycle_clock)
		rxpath_cycle_clock_set(true);
	return 0;
}

static void rxpath_budget_files(void)
{
	rxpath_cpu_table_add("budget", &rxpath_budget_table);
	rxpath_cpu_table_add("budget_hist", &rxpath_budget_hist_table);
	rxpath_file_add("budget_warn_pct", &rxpath_budget_warn_pct_file);
	rxpath_file_add("cycle_clock", &rxpath_cycle_clock_file);
}

/* After napi.c's exit: no probe hands a poll to this file any more. */
static void rxpath_budget_exit(void)
{
	rxpath_cycle_clock_set(false);
	rxpath_probe_forget(&rxpath_softirq_entry_probe);
	rxpath_probe_forget(&rxpath_softirq_exit_probe);
	/* No probe may still be running on the data freed next. */
	tracepoint_synchronize_unregister();
}

const struct rxpath_concern rxpath_budget_concern = {
	.name = "budget",
	.find = rxpath_budget_find,
	.init = rxpath_budget_init,
	.exit = rxpath_budget_exit,
	.files = rxpath_budget_files,
	.show_status = rxpath_budget_show_status,
	.reset = rxpath_budget_reset,
};
