/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The events concern (chardev.c): the record stream of /dev/rxpath. The
 * producers, called from the other concerns' probes, cost a static branch
 * while no reader has joined the stream.
 */
#ifndef _RXPATH_EVENTS_H
#define _RXPATH_EVENTS_H

#include <linux/jump_label.h>
#include "rxpath.h"
#include "budget.h"

DECLARE_STATIC_KEY_FALSE(rxpath_events_on);
void __rxpath_events_backlog(unsigned int cpu, unsigned int qlen);
void __rxpath_events_refused(unsigned int cpu, u32 now, u32 n);
extern unsigned int rxpath_events_cycle_pct;
void __rxpath_events_cycle(int budget, u64 work, enum rxpath_cycle_end end,
			   unsigned int usecs, bool timed);
void __rxpath_events_ring(const struct rxpath_rec_ring *ring);
#if IS_ENABLED(CONFIG_KUNIT)
struct rxpath_reader;
struct rxpath_reader *rxpath_reader_open(void);
void rxpath_reader_close(struct rxpath_reader *r);
size_t rxpath_reader_take(struct rxpath_reader *r, struct rxpath_record *buf,
			  size_t max);
#endif

static inline void rxpath_events_backlog(unsigned int cpu, unsigned int qlen)
{
	if (static_branch_unlikely(&rxpath_events_on))
		__rxpath_events_backlog(cpu, qlen);
}

static inline void rxpath_events_cycle(int budget, u64 work,
				       enum rxpath_cycle_end end,
				       unsigned int usecs, bool timed)
{
	if (static_branch_unlikely(&rxpath_events_on))
		__rxpath_events_cycle(budget, work, end, usecs, timed);
}

#endif /* _RXPATH_EVENTS_H */
