/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The budget concern (budget.c): how a cycle ended and what it left, and
 * its per-poll work, inline in napi.c's probe: the one step of the budget
 * accounting that runs at every poll. See budget.c for the design.
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

/*
 * How a net_rx_action cycle ended, from the CPU's time_squeeze counter read
 * at its start and end (unsigned: a wrap between them is still a change),
 * the work its polls did and the netdev_budget it started with. The kernel
 * squeezes a cycle when the budget is spent (budget - work <= 0) or its time
 * is up; a squeezed cycle whose work did not reach the budget ran out of
 * time.
 */
enum rxpath_cycle_end {
	RXPATH_CYCLE_DRAINED,
	RXPATH_CYCLE_BUDGET,
	RXPATH_CYCLE_TIME,
};

static inline enum rxpath_cycle_end
rxpath_cycle_end(unsigned int squeeze_at_start, unsigned int squeeze_at_end,
		 u64 work, int budget)
{
	if (squeeze_at_end == squeeze_at_start)
		return RXPATH_CYCLE_DRAINED;
	if (budget <= 0 || work >= (u64)budget)
		return RXPATH_CYCLE_BUDGET;
	return RXPATH_CYCLE_TIME;
}

/*
 * The percentage of the budget a cycle left, rounded down, as the systemtap
 * statement probe in net_rx_action computed it
 * ((budget - work) * 100 / budget), and 0 when
 * nothing was left: work at or above the budget, or a budget of 0 or less,
 * which is spent before the cycle starts.
 */
static inline unsigned int rxpath_budget_left_pct(u64 work, int budget)
{
	if (budget <= 0 || work >= (u64)budget)
		return 0;
	return div_u64(((u64)budget - work) * 100, budget);
}

/*
 * The budget_hist bucket of a cycle: tenths of the budget used, rounded
 * down; the last bucket holds 100% and above (the last poll of a cycle may
 * overrun the budget by up to its weight).
 */
static inline unsigned int rxpath_budget_bucket(u64 work, int budget)
{
	u64 tenths;

	if (budget <= 0)
		return RXPATH_BUDGET_BUCKETS - 1;
	tenths = div_u64(min_t(u64, work, (u64)budget * 10) * 10, budget);
	return min_t(u64, tenths, RXPATH_BUDGET_BUCKETS - 1);
}

/*
 * The least work that makes a cycle with this budget count for more than
 * its number: budget_hist's second bucket (a tenth of the budget), or a
 * low cycle (less than warn percent left), whichever comes first. Below it
 * a cycle that was not squeezed is light (budget.h). 0 for a budget of 0
 * or less: nothing is light then.
 */
static inline u64 rxpath_budget_light_limit(int budget, unsigned int warn)
{
	u64 b = budget, tenth, low;

	if (budget <= 0)
		return 0;
	tenth = div_u64(b + 9, 10);
	low = b - div_u64(min(warn, 100U) * b + 99, 100) + 1;
	return min(tenth, low);
}

void rxpath_budget_light_update(void);

#if IS_ENABLED(CONFIG_KUNIT)
/* Visible to rxpath_test.ko only (EXPORT_SYMBOL_IF_KUNIT). */
extern const struct rxpath_cpu_table rxpath_budget_table;
extern const struct rxpath_cpu_table rxpath_budget_hist_table;
#endif

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
