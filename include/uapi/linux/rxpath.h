/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rxpath userspace ABI.
 *
 * Everything a program may rely on when it reads rxpath: the ABI version,
 * the constants that shape the debugfs tables under /sys/kernel/debug/rxpath,
 * and the records and ioctls of the event device /dev/rxpath.
 * The debugfs tables are text: a header line of column names, then one row
 * per object, whitespace-separated, numbers in decimal, "-" where a figure is
 * not being measured. Programs find columns by name, never by position.
 * The same texts are served by /dev/rxpath (RXPATH_IOC_TABLE), and the
 * same controls taken (RXPATH_IOC_CONTROL), for machines without debugfs.
 */
#ifndef _UAPI_LINUX_RXPATH_H
#define _UAPI_LINUX_RXPATH_H

#include <linux/types.h>
#include <linux/ioctl.h>

/*
 * Bumped whenever a record layout, an ioctl or the meaning of a column
 * changes. 2: RXPATH_IOC_TABLE and RXPATH_IOC_CONTROL; an open file
 * description joins the event stream at its first read, poll or
 * RXPATH_IOC_SET_FILTER, not at open.
 */
#define RXPATH_ABI_VERSION 2

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

/*
 * The event device, /dev/rxpath. read() returns whole records, each
 * sizeof(struct rxpath_record) bytes; a buffer smaller than one record gets
 * EINVAL. poll() reports POLLIN when records are waiting; with O_NONBLOCK
 * an empty device gives EAGAIN. Every open file description is a reader of
 * its own: it gets every record produced while it is open, through buffers
 * of its own, one per CPU. What does not fit is counted, per reader and
 * CPU, and delivered as an RXPATH_REC_LOST record before that CPU's next
 * records: loss is never silent. Records of one CPU come in order; those
 * of different CPUs are ordered by time_ns, not by position in the stream.
 */
enum rxpath_record_type {
	RXPATH_REC_LOST = 1,		/* u.lost */
	RXPATH_REC_BACKLOG = 2,		/* u.backlog */
	RXPATH_REC_BACKLOG_DROP = 3,	/* u.drop */
	RXPATH_REC_CYCLE = 4,		/* u.cycle */
	RXPATH_REC_RING_FULL = 5,	/* u.ring */
	RXPATH_REC_SUMMARY = 6,		/* u.summary */
	RXPATH_REC_TYPES		/* one more than the last type */
};

/* How a NET_RX softirq cycle ended (u.cycle.end). */
enum rxpath_cycle_end_abi {
	RXPATH_END_DRAINED = 0,		/* every NAPI done: no squeeze */
	RXPATH_END_BUDGET = 1,		/* squeezed: netdev_budget spent */
	RXPATH_END_TIME = 2,		/* squeezed: netdev_budget_usecs up */
};

/* Packets offered to a backlog above the reader's threshold (coalesced). */
struct rxpath_rec_backlog {
	__u32 cpu;		/* the CPU whose backlog it is */
	__u32 qlen;		/* the highest length met, before joining */
	__u32 limit;		/* netdev_max_backlog then */
	__u32 count;		/* packets offered above the threshold */
};

/* Packets refused by a backlog (length or flow limit), coalesced. */
struct rxpath_rec_drop {
	__u32 cpu;		/* the CPU whose backlog refused them */
	__u32 count;		/* packets refused */
};

/* A NET_RX cycle that left less of netdev_budget than the threshold. */
struct rxpath_rec_cycle {
	__u32 budget;		/* netdev_budget at the cycle's start */
	__u32 work;		/* packets its polls processed */
	__u32 left_pct;		/* percent of budget left, rounded down */
	__u32 end;		/* enum rxpath_cycle_end_abi */
	__u32 usecs;		/* how long it ran, with RXPATH_CYCLE_TIMED */
	__u32 flags;		/* RXPATH_CYCLE_* */
};

/*
 * rxpath_rec_cycle.flags: usecs was measured (the cycle_clock switch was
 * on). Without it, usecs is 0 and the record came at the CPU's next cycle
 * that polled, not at this one's end.
 */
#define RXPATH_CYCLE_TIMED	1

/*
 * An RX ring found full while its NIC dropped frames for want of a
 * descriptor: drops is what this record adds to the ring's
 * missed_while_full (the records of a ring add up to it).
 */
struct rxpath_rec_ring {
	__u32 ifindex;
	__u32 queue;
	__u32 ntu;		/* next_to_use */
	__u32 ntc;		/* next_to_clean */
	__u32 count;		/* descriptors in the ring */
	__u32 pad;
	__u64 missed;		/* the NIC's drop counter (status: ring_driver's drops) */
	__u64 drops;		/* the drops since the ring's last record */
};

/* The periodic summary of one CPU's softnet counters (cumulative). */
struct rxpath_rec_summary {
	__u32 processed;	/* /proc/net/softnet_stat, as the kernel counts */
	__u32 dropped;
	__u32 time_squeeze;
	__u32 received_rps;
	__u32 flow_limit;
	__u32 input_qlen;	/* the backlog's length now */
	__u32 backlog_max;	/* the peak since load or reset */
	__u32 pad;
};

/* Records this reader lost on one CPU since the previous lost record. */
struct rxpath_rec_lost {
	__u64 count;
};

struct rxpath_record {
	__u32 abi;		/* RXPATH_ABI_VERSION */
	__u32 type;		/* enum rxpath_record_type */
	__u64 time_ns;		/* CLOCK_MONOTONIC */
	__u32 cpu;		/* the CPU that produced the record */
	__u32 pad;
	union {
		struct rxpath_rec_lost lost;
		struct rxpath_rec_backlog backlog;
		struct rxpath_rec_drop drop;
		struct rxpath_rec_cycle cycle;
		struct rxpath_rec_ring ring;
		struct rxpath_rec_summary summary;
		__u64 raw[5];
	} u;
};

/*
 * What one reader is sent (RXPATH_IOC_SET_FILTER): each field applies to
 * the open file description it is set on.
 */
struct rxpath_filter {
	__u32 types;		/* bit (1 << type) per record type wanted */
	__u32 backlog_qlen;	/* BACKLOG when the length met is above this */
	__u32 budget_left_pct;	/* CYCLE when less than this percent is left (0-100) */
	__u32 summary_ms;	/* SUMMARY of every CPU this often; 0 = never */
};

/* The defaults of a new reader. */
#define RXPATH_FILTER_DEFAULT_TYPES	((1U << RXPATH_REC_BACKLOG) | \
					 (1U << RXPATH_REC_BACKLOG_DROP) | \
					 (1U << RXPATH_REC_CYCLE) | \
					 (1U << RXPATH_REC_RING_FULL))
#define RXPATH_FILTER_DEFAULT_BACKLOG_QLEN	500
#define RXPATH_FILTER_DEFAULT_BUDGET_LEFT_PCT	10
#define RXPATH_FILTER_MIN_SUMMARY_MS		10

/* What one reader has been sent and lost since it opened. */
struct rxpath_reader_stats {
	__u64 records;		/* delivered by read() */
	__u64 lost;		/* counted lost (delivered or not yet) */
};

/*
 * One file of /sys/kernel/debug/rxpath, read through the device
 * (RXPATH_IOC_TABLE): name is the file's ("softnet", "status", ...),
 * NUL-terminated; its text goes to buf, with no NUL; len is set to the
 * bytes written. A text of size bytes or more fails with EMSGSIZE (the
 * room must exceed the text by one byte): ask again with more room, up to
 * RXPATH_TABLE_MAX. Any open file description can; it does not join the
 * event stream.
 */
struct rxpath_table_req {
	char name[32];
	__u64 buf;
	__u32 size;
	__u32 len;
};

#define RXPATH_TABLE_MAX	(16U << 20)

/*
 * A write to a control file of /sys/kernel/debug/rxpath (reset,
 * backlog_hook, cycle_clock, budget_warn_pct), made through the device
 * (RXPATH_IOC_CONTROL): the len bytes at word are taken exactly as a
 * write() of them to that file would be, and refused with the same errno.
 * Needs CAP_SYS_ADMIN, as debugfs's files need root.
 */
struct rxpath_control {
	char name[32];
	__u64 word;
	__u32 len;
	__u32 pad;		/* 0 */
};

#define RXPATH_IOC_MAGIC	0xb8
#define RXPATH_IOC_ABI_VERSION	_IOR(RXPATH_IOC_MAGIC, 1, __u32)
#define RXPATH_IOC_GET_FILTER	_IOR(RXPATH_IOC_MAGIC, 2, struct rxpath_filter)
#define RXPATH_IOC_SET_FILTER	_IOW(RXPATH_IOC_MAGIC, 3, struct rxpath_filter)
#define RXPATH_IOC_GET_STATS	_IOR(RXPATH_IOC_MAGIC, 4, struct rxpath_reader_stats)
#define RXPATH_IOC_TABLE	_IOWR(RXPATH_IOC_MAGIC, 5, struct rxpath_table_req)
#define RXPATH_IOC_CONTROL	_IOW(RXPATH_IOC_MAGIC, 6, struct rxpath_control)

#endif /* _UAPI_LINUX_RXPATH_H */
