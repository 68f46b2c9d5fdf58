/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rxpath userspace ABI.
 *
 * Everything a program may rely on when it reads rxpath: the ABI version and
 * the constants that shape the debugfs tables under /sys/kernel/debug/rxpath.
 * The debugfs tables are text: a header line of column names, then one row
 * per object, whitespace-separated, numbers in decimal, "-" where a figure is
 * not being measured. Programs find columns by name, never by position.
 */
#ifndef _UAPI_LINUX_RXPATH_H
#define _UAPI_LINUX_RXPATH_H

#include <linux/types.h>

/* Bumped whenever a record layout or the meaning of a column changes. */
#define RXPATH_ABI_VERSION 1

/*
 * Log2 histograms (backlog_hist): bucket 0 counts the value 0, bucket b >= 1
 * counts values in [2^(b-1), 2^b - 1]. 33 buckets cover every __u32.
 */
#define RXPATH_HIST_BUCKETS 33

/*
 * budget_hist: bucket b < 10 counts net_rx_action cycles that used
 * [10b, 10b + 9] percent of netdev_budget; bucket 10 counts 100% and more.
 */
#define RXPATH_BUDGET_BUCKETS 11

#endif /* _UAPI_LINUX_RXPATH_H */
