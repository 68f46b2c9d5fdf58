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
	 * to count. Worked out from cur.budget and rxpath_budget_light_pct.
	 */
	u64 light;
	unsigned int terms;	/* rxpath_budget_terms when light was set */
	/* cycle_clock: the cycle whose start was stamped, and when */
	unsigned int clock_mark;
	u64 clock_start;
	/* written by a reset: counting starts after this cycle */
	unsigned int base;
};

extern struct rxpath_budget_cpu __percpu *rxpath_budget_cpus;
extern int *rxpath_budget_var;
extern unsigned int rxpath_budget_terms;

void rxpath_budget_outside(struct rxpath_budget_cpu *bc);
void rxpath_budget_turn(struct rxpath_budget_cpu *bc, unsigned int mark,
			unsigned int squeeze);

/*
 * Whether the last cycle with polls needs nothing counted: it ends as a
 * light one (no squeeze since its first poll, light work; one cycle_clock
 * closed looks so); and the next one starts on the same terms (no reset
 * or light_pct change since, the same budget).
 */
static __always_inline bool rxpath_budget_light(struct rxpath_budget_cpu *bc,
						unsigned int squeeze)
{
	return likely(squeeze == bc->cur.squeeze && bc->cur.work < bc->light &&
		      bc->terms == READ_ONCE(rxpath_budget_terms) &&
		      READ_ONCE(*READ_ONCE(rxpath_budget_var)) == bc->cur.budget);
}

/*
 * Every poll, with what it returned: adds it to this CPU's NET_RX cycle.
 * Returns true at the first poll of a cycle. The first poll closes the
 * last cycle that polled; a light one needs no more than a new mark, and
 * changes nothing a reader counts (so it takes no seqcount).
 */
static __always_inline bool rxpath_budget_poll(int work)
{
	struct rxpath_budget_cpu *bc = this_cpu_ptr(rxpath_budget_cpus);
	unsigned int mark, squeeze;

	if (unlikely(!in_serving_softirq())) {
		rxpath_budget_outside(bc);
		return false;
	}
	mark = __this_cpu_read(kstat.softirqs[NET_RX_SOFTIRQ]);
	if (likely(mark == bc->cur.mark)) {
		/* Not after the clock closed it at its exit. */
		if (likely(bc->cur.open)) {
			WRITE_ONCE(bc->cur.work, bc->cur.work + work);
			WRITE_ONCE(bc->c.work, bc->c.work + work);
		}
		return false;
	}
	squeeze = rxpath_sd_time_squeeze(this_cpu_ptr(&softnet_data));
	if (rxpath_budget_light(bc, squeeze)) {
		WRITE_ONCE(bc->cur.mark, mark);
		WRITE_ONCE(bc->cur.work, 0);
		WRITE_ONCE(bc->cur.open, true);
	} else {
		rxpath_budget_turn(bc, mark, squeeze);
	}
	WRITE_ONCE(bc->cur.work, bc->cur.work + work);
	WRITE_ONCE(bc->c.work, bc->c.work + work);
	return true;
}

#endif /* _RXPATH_BUDGET_H */
