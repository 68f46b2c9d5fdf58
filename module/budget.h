/* SPDX-License-Identifier: GPL-2.0 */
/*
 * budget.c's per-poll work, inline in napi.c's probe: the one step of the
 * budget accounting that runs at every poll. See budget.c for the design.
 */
#ifndef _RXPATH_BUDGET_H
#define _RXPATH_BUDGET_H

#include <linux/interrupt.h>
#include <linux/kernel_stat.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/seqlock.h>
#include "rxpath.h"
#include "compat.h"

/* What one CPU counted of the cycles since the generation gen began. */
struct rxpath_budget_counts {
	u64 budget_squeeze;
	u64 time_squeeze;
	u64 low;
	u64 work;		/* what the polls in NET_RX cycles returned */
	u64 outside_polls;
	/* Only cycles that were not light: the readers add the rest to [0]. */
	u64 hist[RXPATH_BUDGET_BUCKETS];
	unsigned int max_usecs;
};

/* The last cycle of a CPU in which something polled. */
struct rxpath_budget_cycle {
	bool open;		/* not yet counted */
	unsigned int mark;	/* its number: the CPU's NET_RX count in it */
	int budget;		/* netdev_budget at its first poll */
	unsigned int squeeze;	/* time_squeeze at its first poll */
	u64 work;
};

struct rxpath_budget_cpu {
	seqcount_t seq;		/* around every change to c, and to cur but work */
	unsigned int gen;
	struct rxpath_budget_cycle cur;
	struct rxpath_budget_counts c;
	/*
	 * A cycle with less work than this, that was not squeezed, is light:
	 * budget_hist's first bucket, not low, wanted by no reader: nothing
	 * to count. Worked out from cur.budget and rxpath_budget_light_pct;
	 * 0 (nothing is light) from a reset or light_pct change until this
	 * CPU's next cycle works it out again (rxpath_budget_terms_moved).
	 */
	u64 light;
	/* cycle_clock: the cycle whose start was stamped, and when */
	unsigned int clock_mark;
	u64 clock_start;
	/* written by a reset: counting starts after this cycle */
	unsigned int base;
};

DECLARE_PER_CPU(struct rxpath_budget_cpu, rxpath_budget_cpu);
extern int *rxpath_budget_var;

void rxpath_budget_outside(void);
void rxpath_budget_turn(unsigned int mark, unsigned int squeeze);

/*
 * Whether this CPU's last cycle with polls needs nothing counted: it ends
 * as a light one (no squeeze since its first poll, light work; one
 * cycle_clock closed looks so); and the next one starts on the same terms
 * (the same budget; a reset or light_pct change zeroes light).
 */
static __always_inline bool rxpath_budget_light(unsigned int squeeze)
{
	return likely(squeeze == __this_cpu_read(rxpath_budget_cpu.cur.squeeze) &&
		      __this_cpu_read(rxpath_budget_cpu.cur.work) <
		      __this_cpu_read(rxpath_budget_cpu.light) &&
		      READ_ONCE(*READ_ONCE(rxpath_budget_var)) ==
		      __this_cpu_read(rxpath_budget_cpu.cur.budget));
}

/* The first poll of cycle mark, after a light one: a new mark only. */
static __always_inline void rxpath_budget_next(unsigned int mark, int work)
{
	__this_cpu_write(rxpath_budget_cpu.cur.mark, mark);
	__this_cpu_write(rxpath_budget_cpu.cur.work, work);
	__this_cpu_write(rxpath_budget_cpu.cur.open, true);
}

/*
 * Every poll, with what it returned, on sd's CPU: adds it to this CPU's
 * NET_RX cycle. Returns true at the first poll of a cycle. The first poll
 * closes the last cycle that polled; a light one needs no more than a new
 * mark, and changes nothing a reader counts (so it takes no seqcount).
 * Every access is to this CPU's own per-CPU data, by its address.
 */
static __always_inline bool rxpath_budget_poll(struct softnet_data *sd,
					       int work)
{
	unsigned int mark, squeeze;

	if (unlikely(!in_serving_softirq())) {
		rxpath_budget_outside();
		return false;
	}
	mark = __this_cpu_read(kstat.softirqs[NET_RX_SOFTIRQ]);
	if (likely(mark == __this_cpu_read(rxpath_budget_cpu.cur.mark))) {
		rxpath_count_add(rxpath_budget_cpu.cur.work, work);
		rxpath_count_add(rxpath_budget_cpu.c.work, work);
		return false;
	}
	squeeze = rxpath_sd_time_squeeze(sd);
	if (rxpath_budget_light(squeeze)) {
		rxpath_budget_next(mark, work);
	} else {
		rxpath_budget_turn(mark, squeeze);
		rxpath_count_add(rxpath_budget_cpu.cur.work, work);
	}
	rxpath_count_add(rxpath_budget_cpu.c.work, work);
	return true;
}

/*
 * For napi.c's quick path: whether this poll, on sd's CPU, changes
 * nothing but the work sums: it is in a NET_RX softirq, and in this CPU's
 * cycle, or the first poll (*first) of cycle *mark after a light one.
 * Reads only; rxpath_budget_quick_add() then does what
 * rxpath_budget_poll() would.
 */
static __always_inline bool rxpath_budget_quick(struct softnet_data *sd,
						unsigned int *mark, bool *first)
{
	*mark = __this_cpu_read(kstat.softirqs[NET_RX_SOFTIRQ]);
	*first = *mark != __this_cpu_read(rxpath_budget_cpu.cur.mark);
	return likely(in_serving_softirq()) &&
	       (!*first || rxpath_budget_light(rxpath_sd_time_squeeze(sd)));
}

static __always_inline void rxpath_budget_quick_add(unsigned int mark,
						    bool first, int work)
{
	if (first)
		rxpath_budget_next(mark, work);
	else
		rxpath_count_add(rxpath_budget_cpu.cur.work, work);
	rxpath_count_add(rxpath_budget_cpu.c.work, work);
}

#endif /* _RXPATH_BUDGET_H */
