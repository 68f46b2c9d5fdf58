/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The napi concern (napi.c): the one napi:napi_poll probe every per-poll
 * concern hangs off, and the NAPI instances it saw, as rows for the napi
 * and rings tables.
 */
#ifndef _RXPATH_NAPI_H
#define _RXPATH_NAPI_H

#include <linux/if.h>
#include "rxpath.h"
#include "rings.h"

/* Whether the napi:napi_poll probe is attached: every poll is seen. */
bool rxpath_napi_polls_seen(void);

/* The NAPI instances that exist now, merged over CPUs (napi.c). */
struct rxpath_napi_row {
	const struct napi_struct *napi;
	unsigned int napi_id;
	int cpu;
	int ifindex;
	unsigned long last_jiffies;
	u64 polls;
	u64 work;
	u64 full_polls;
	unsigned int weight;
	unsigned int max_work;
	bool live;
	bool backlog;
	bool dummy;		/* on a dummy netdev, not listed (napi.c) */
	char dev[IFNAMSIZ];
	struct rxpath_napi_rings rings;
	/* For ring rows: the device's drops for want of a descriptor. */
	bool missed_ok;
	u64 missed;
};

struct rxpath_napi_rows {
	struct rxpath_napi_row *row;
	unsigned int n;
};

int rxpath_napi_rows_get(struct rxpath_napi_rows *rows);
void rxpath_napi_rows_put(struct rxpath_napi_rows *rows);

#endif /* _RXPATH_NAPI_H */
