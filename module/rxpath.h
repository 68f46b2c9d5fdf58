/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between rxpath's files. Each concern (softnet, and the
 * ones that follow it) lives in its own file with an init/exit pair; main.c
 * wires them together, probe.c keeps the record of every probe for the
 * status file, debugfs.c owns the directory and the helpers for tables.
 */
#ifndef _RXPATH_H
#define _RXPATH_H

#include <linux/types.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/list.h>
#include <linux/if.h>
#include <linux/seq_file.h>
#include <linux/kprobes.h>
#include <linux/jump_label.h>
#include <uapi/linux/rxpath.h>

struct dentry;

/* probe.c: what was attached, and why not when it was not. */
struct rxpath_probe {
	const char *name;	/* "kprobe:enqueue_to_backlog" */
	int err;		/* 0 when attached */
	const char *why;	/* a few words when err != 0 */
	bool attached;
	bool listed;
	const char *when;	/* attached only while this holds ("cycle_clock on") */
	struct kprobe *kprobe;		/* for the missed count; may be NULL */
	struct tracepoint *tp;		/* set by rxpath_tracepoint_attach() */
	void *tp_func;
	struct list_head node;
};

void rxpath_probe_attached(struct rxpath_probe *p);
void rxpath_probe_failed(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_report(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_idle(struct rxpath_probe *p);
void rxpath_probe_forget(struct rxpath_probe *p);
void rxpath_probe_show_all(struct seq_file *m);
void rxpath_tracepoint_attach(struct rxpath_probe *p, const char *tp_name,
			      void *func);
void rxpath_tracepoint_detach(struct rxpath_probe *p);

/* debugfs.c */
extern struct dentry *rxpath_debugfs_dir;

/*
 * A table with one row per online CPU. show_header prints the first line
 * (column names), show_row one CPU's row; both end the line themselves.
 * The header may set a word of the open file's (*state: a histogram's
 * width) that each row of it is then given, so that the rows keep to the
 * header the reader got even when a bucket fills between them.
 */
struct rxpath_cpu_table {
	void (*show_header)(struct seq_file *m, unsigned long *state);
	void (*show_row)(struct seq_file *m, unsigned int cpu, unsigned long state);
};

/* An open file of a table: its seq_file's private data. */
struct rxpath_cpu_table_open {
	const struct rxpath_cpu_table *t;
	unsigned long state;
};

/*
 * A file of one seq_file text, and, when write is set, a control (0644;
 * 0444 otherwise). The struct is the file's private data: it must outlive
 * the file.
 */
struct rxpath_file {
	int (*show)(struct seq_file *m, void *v);
	ssize_t (*write)(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos);
};

void rxpath_debugfs_init(void);
void rxpath_debugfs_exit(void);
void rxpath_cpu_table_add(const char *name, const struct rxpath_cpu_table *t);
void rxpath_file_add(const char *name, const struct rxpath_file *f);
ssize_t rxpath_file_text(const char *name, char *buf, size_t size);
int rxpath_file_control(const char *name, const char __user *ubuf, size_t len);
int rxpath_parse_word(const char __user *ubuf, size_t len, loff_t *ppos,
		      char *buf, size_t size);
void rxpath_seq_hist_header(struct seq_file *m, unsigned int buckets);
int rxpath_parse_switch(const char *word, bool *on);
ssize_t rxpath_switch_write(const char *name, const char __user *ubuf,
			    size_t len, loff_t *ppos, int (*set)(bool on));
int rxpath_parse_pct(const char *word, unsigned int *pct);

#if IS_ENABLED(CONFIG_KUNIT)
/* Visible to rxpath_test.ko only (EXPORT_SYMBOL_IF_KUNIT). */
int rxpath_word_fits(size_t len, loff_t pos, size_t size);
int rxpath_word_trim(char *buf, size_t len);
int rxpath_parse_reset(const char *word);
void *rxpath_cpu_seq_start(struct seq_file *m, loff_t *pos);
void *rxpath_cpu_seq_next(struct seq_file *m, void *v, loff_t *pos);
int rxpath_cpu_seq_show(struct seq_file *m, void *v);
extern const struct rxpath_cpu_table rxpath_softnet_table;
extern const struct rxpath_cpu_table rxpath_backlog_hist_table;
extern const struct rxpath_cpu_table rxpath_budget_table;
extern const struct rxpath_cpu_table rxpath_budget_hist_table;
#endif

/* main.c */
void rxpath_reset_all(void);

/*
 * Adds v to pcp, a count of this CPU's that only it writes and others
 * read (READ_ONCE): one instruction where the architecture has one (x86),
 * never a torn value. Probe context, preemption off.
 */
#define rxpath_count_add(pcp, v)	__this_cpu_add(pcp, v)

/* Helpers for probe context: lock-free, usable on any CPU. */
static inline unsigned int rxpath_log2_bucket(u32 v)
{
	return v ? fls(v) : 0;
}

static inline void rxpath_max_update(unsigned int *max, unsigned int v)
{
	unsigned int old = READ_ONCE(*max);

	while (v > old) {
		unsigned int prev = cmpxchg(max, old, v);

		if (prev == old)
			break;
		old = prev;
	}
}

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

/*
 * RX ring arithmetic (ring_poll.c), on indices read from a driver's ring:
 * usable only when both are below count, which is not 0 (a ring caught
 * mid-resize may show anything).
 */
static inline bool rxpath_ring_indices_ok(u32 count, u32 ntu, u32 ntc)
{
	return count && ntu < count && ntc < count;
}

/*
 * Descriptors the driver could still give the NIC: the drivers' own
 * *_DESC_UNUSED (ixgbe's IXGBE_DESC_UNUSED). One slot always stays empty
 * so that a full ring and an empty one differ: ntu == ntc is count - 1
 * unused, and ntc == ntu + 1 (modulo count) is 0, a full ring.
 */
static inline u32 rxpath_ring_unused(u32 count, u32 ntu, u32 ntc)
{
	return ntc > ntu ? ntc - ntu - 1 : count + ntc - ntu - 1;
}

/* The index i descriptors after ntc (i < count), past the ring's end. */
static inline u32 rxpath_ring_next(u32 count, u32 ntc, u32 i)
{
	return ntc >= count - i ? ntc - (count - i) : ntc + i;
}

/*
 * The descriptors a poll cleaned: how far next_to_clean moved since this
 * CPU's previous read of the ring (prev_ntc, the same count). chained: that
 * read followed a full-weight poll in a NET_RX softirq, so the NAPI stayed
 * on this CPU's poll list and this poll is its next: the figure is exact.
 * Otherwise other CPUs may have polled the NAPI in between (its interrupt
 * moved), and at most the poll's work is taken. Descriptors, not work: the
 * Intel drivers' polls return their whole weight while TX cleanup is
 * unfinished (igb_poll, ixgbe_poll), a frame may span descriptors, and a
 * vector's work is the sum over its rings.
 */
static inline u32 rxpath_ring_cleaned(u32 count, u32 prev_ntc, u32 ntc,
				      bool chained, int work)
{
	u32 moved = ntc >= prev_ntc ? ntc - prev_ntc : count + ntc - prev_ntc;

	return chained ? moved : min_t(u32, moved, max(work, 0));
}

/*
 * Pending at a poll's start, as seen after it: what is pending now plus
 * what it cleaned, at most count - 1 (the most the NIC can hold); that
 * much is a full ring.
 */
static inline u32 rxpath_ring_start_pending(u32 pending, u32 cleaned, u32 count)
{
	return min_t(u64, (u64)pending + cleaned, count - 1);
}

/*
 * missed_while_full: the frames the NIC dropped for want of a descriptor
 * (its drop counter's growth) in the intervals in which some poll found
 * the ring full. Each observation of the counter (and of the ring's
 * full_ring_events) is one step, and returns the drops it attributes to
 * the ring; the first only primes. A counter that went down was reset with
 * the device: that step counts nothing.
 */
struct rxpath_ring_missed {
	u64 last;
	u64 last_full;
	bool primed;
};

static inline u64 rxpath_ring_missed_step(struct rxpath_ring_missed *m,
					  u64 missed, u64 full_events)
{
	u64 drops = 0;

	if (m->primed && full_events != m->last_full && missed > m->last)
		drops = missed - m->last;
	m->last = missed;
	m->last_full = full_events;
	m->primed = true;
	return drops;
}

/*
 * One RX ring as the polls of one NAPI instance on one CPU saw it
 * (ring_poll.c). The instant values are those of the last poll (stamp, by
 * local_clock); pending and what derives from it are RXPATH_RING_UNKNOWN
 * for drivers whose descriptors rxpath does not read.
 */
#define RXPATH_RING_UNKNOWN	U32_MAX
#define RXPATH_RINGS_PER_NAPI	4

struct rxpath_ring_state {
	u64 stamp;		/* 0: never read */
	u32 queue;
	u32 count;
	u32 ntu;
	u32 ntc;
	u32 unused;
	u32 pending;
	u32 min_unused;
	u32 max_pending;
	u64 polls;
	u64 full_polls;
	u64 full_events;	/* polls that found the ring full */
	bool chain;		/* the last poll read used its whole weight, in NET_RX */
};

/* The rings behind one NAPI instance, per CPU, in its NAPI slot. */
struct rxpath_napi_rings {
	s8 driver;		/* index in ring_drivers.c's table; < 0: none */
	unsigned int gen;	/* driver was looked up at this rxpath_rings_gen */
	struct rxpath_ring_state ring[RXPATH_RINGS_PER_NAPI];
};

/* softnet.c */
int rxpath_softnet_init(void);
void rxpath_softnet_exit(void);
void rxpath_softnet_debugfs_init(void);
void rxpath_softnet_reset(void);
void rxpath_softnet_show_status(struct seq_file *m);
unsigned int rxpath_softnet_backlog_max(unsigned int cpu);
#if IS_ENABLED(CONFIG_KUNIT)
void rxpath_backlog_count(unsigned int cpu, unsigned int qlen);
#endif
struct softnet_data;
struct rxpath_btf;
u64 rxpath_softnet_flow_limit(struct softnet_data *sd);
void rxpath_softnet_check_layout(const struct rxpath_btf *vm, const char *why);

/* budget.c */
void rxpath_budget_find(void);
int rxpath_budget_init(void);
void rxpath_budget_exit(void);
void rxpath_budget_debugfs_init(void);
void rxpath_budget_reset(void);
void rxpath_budget_show_status(struct seq_file *m);
void rxpath_budget_light_update(void);

/* napi.c */
int rxpath_napi_init(void);
void rxpath_napi_exit(void);
void rxpath_napi_debugfs_init(void);
void rxpath_napi_reset(void);
void rxpath_napi_show_status(struct seq_file *m);
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

/* rings.c, ring_resolve.c (status), ring_poll.c (poll, merge) */
int rxpath_rings_init(void);
void rxpath_rings_exit(void);
void rxpath_rings_show_status(struct seq_file *m);
void rxpath_missed_show_status(struct seq_file *m);
void rxpath_rings_debugfs_init(void);
void rxpath_rings_reset(void);
void __rxpath_rings_poll(struct rxpath_napi_rings *r, struct napi_struct *napi,
			 int work, int budget);
extern unsigned int rxpath_rings_gen;

/*
 * After each poll, in the instance's slot (napi.c): nothing more for an
 * instance already known to have no ring driver (backlogs, veth, ...).
 */
static inline void rxpath_rings_poll(struct rxpath_napi_rings *r,
				     struct napi_struct *napi, int work,
				     int budget)
{
	if (r->driver < 0 && r->gen == READ_ONCE(rxpath_rings_gen))
		return;
	__rxpath_rings_poll(r, napi, work, budget);
}
void rxpath_rings_merge(struct rxpath_napi_rings *to,
			const struct rxpath_napi_rings *from);
struct rtnl_link_stats64;
bool rxpath_rings_drops(int driver, const struct napi_struct *napi,
			const struct rtnl_link_stats64 *st, u64 *drops);

/*
 * chardev.c: the event stream. The producers cost a static branch while
 * nobody has /dev/rxpath open.
 */
DECLARE_STATIC_KEY_FALSE(rxpath_events_on);
void rxpath_chardev_init(void);
void rxpath_chardev_exit(void);
void rxpath_chardev_show_status(struct seq_file *m);
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

/* sysctl.c */
ssize_t rxpath_sysctl_read(const char *name, char *buf, size_t size);
void *rxpath_sysctl_net_core_var(const char *procname, const char *handler,
				 size_t size);

#endif /* _RXPATH_H */
