// SPDX-License-Identifier: GPL-2.0
/*
 * The per-poll hook and the table of NAPI instances.
 *
 * One probe, on napi:napi_poll, runs right after every poll, and is the
 * whole of rxpath's default cost on the receive path. It hands the poll to
 * each concern in turn: the budget accounting of its NET_RX cycle
 * (budget.c), this file's count of the instance, the instance's RX rings
 * (ring_poll.c), and the backlog's queue length (softnet.c) after a backlog
 * poll and at the start of each cycle.
 *
 * Each CPU keeps a small table of the device instances it polled, found
 * by their address, the last one it polled checked first; and its own
 * backlog's counts apart, found at once. Every count is per CPU
 * and written only by its CPU; readers use READ_ONCE and merge the CPUs'
 * rows. A reset bumps a generation number that each CPU compares before
 * counting, and a slot of an older generation starts over, so a reset
 * never races a writer.
 */
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/bsearch.h>
#include <linux/sort.h>
#include <net/net_namespace.h>
#include <trace/events/napi.h>
#include "rxpath.h"
#include "compat.h"
#include "softnet.h"
#include "budget.h"
#include "rings.h"
#include "napi.h"

/* One NAPI instance as one CPU saw it; the key is never dereferenced. */
struct rxpath_napi_slot {
	const struct napi_struct *napi;	/* NULL: free */
	const struct net_device *dev;	/* for the unregister notifier */
	unsigned int napi_id;
	unsigned int gen;
	bool dead;			/* the instance is gone: reusable */
	bool dummy;			/* on a dummy netdev (see below) */
	char dummy_name[IFNAMSIZ];	/* that netdev's name, if it has one */
	unsigned int weight;
	unsigned int max_work;
	unsigned long last_jiffies;
	u64 polls;
	u64 work;
	u64 full_polls;
	struct rxpath_napi_rings rings;	/* rings.c's */
};

#define RXPATH_NAPI_SLOTS_BITS	6
#define RXPATH_NAPI_SLOTS	(1U << RXPATH_NAPI_SLOTS_BITS)

/*
 * This CPU's backlog (process_backlog): one instance that never goes away,
 * polled on this CPU only, so kept apart from the slots, found at once. It
 * has no rings, and its weight is read from it (rxpath_napi_collect).
 */
struct rxpath_napi_backlog {
	unsigned int gen;
	bool polled;		/* since load: it has a row */
	unsigned int max_work;
	u64 polls;
	u64 work;
	u64 full_polls;
};

/* Static, not allocated: a backlog poll addresses it directly. */
static DEFINE_PER_CPU(struct rxpath_napi_backlog, rxpath_napi_backlog);

struct rxpath_napi_cpu {
	unsigned int gen;
	u64 untracked;		/* polls of NAPIs that found no free slot */
	struct rxpath_napi_slot *last;	/* of the last device NAPI polled */
	struct rxpath_napi_slot slot[RXPATH_NAPI_SLOTS];
};

static struct rxpath_napi_cpu __percpu *rxpath_napi_cpus;
/* Never 0: a backlog never polled has generation 0. */
static unsigned int rxpath_gen = 1;

/* ---- probe context ---------------------------------------------------- */

/*
 * The slot of napi in this CPU's table, claimed if new: open addressing on
 * the pointer. A slot whose instance is gone (dead, or another napi_id at
 * the same address) starts over.
 */
static noinline struct rxpath_napi_slot *
rxpath_napi_slot_get(struct rxpath_napi_cpu *pc, const struct napi_struct *napi)
{
	unsigned int i, h = hash_ptr(napi, RXPATH_NAPI_SLOTS_BITS);
	unsigned int id = READ_ONCE(napi->napi_id);
	unsigned int gen = READ_ONCE(rxpath_gen);
	struct rxpath_napi_slot *s, *reuse = NULL;

	if (unlikely(pc->gen != gen)) {
		pc->untracked = 0;
		WRITE_ONCE(pc->gen, gen);
	}

	for (i = 0; i < RXPATH_NAPI_SLOTS; i++) {
		s = &pc->slot[(h + i) & (RXPATH_NAPI_SLOTS - 1)];
		if (s->napi == napi && !READ_ONCE(s->dead) &&
		    s->napi_id == id) {
			if (likely(s->gen == pc->gen))
				return s;
			reuse = s;
			break;
		}
		if (!s->napi) {
			reuse = reuse ?: s;
			break;
		}
		if (!reuse && (READ_ONCE(s->dead) || s->napi == napi))
			reuse = s;
	}
	if (!reuse)
		return NULL;
	s = reuse;
	WRITE_ONCE(s->polls, 0);
	WRITE_ONCE(s->work, 0);
	WRITE_ONCE(s->full_polls, 0);
	WRITE_ONCE(s->max_work, 0);
	memset(&s->rings, 0, sizeof(s->rings));
	WRITE_ONCE(s->napi_id, id);
	WRITE_ONCE(s->dev, napi->dev);
	/* Polling: its netdev is there to read now, if ever. */
	s->dummy = napi->dev && napi->dev->reg_state == NETREG_DUMMY;
	if (s->dummy)
		strscpy(s->dummy_name, napi->dev->name, sizeof(s->dummy_name));
	WRITE_ONCE(s->gen, pc->gen);
	WRITE_ONCE(s->dead, false);
	/* Readers take the key last: a slot they see has its fields. */
	smp_store_release(&s->napi, napi);
	return s;
}

/*
 * The slot of napi, found first in *cache: the last device NAPI polled on
 * this CPU.
 */
static __always_inline struct rxpath_napi_slot *
rxpath_napi_slot(struct rxpath_napi_cpu *pc, struct rxpath_napi_slot **cache,
		 const struct napi_struct *napi)
{
	struct rxpath_napi_slot *s = *cache;

	if (likely(s && s->napi == napi && s->gen == READ_ONCE(rxpath_gen) &&
		   !READ_ONCE(s->dead) && s->napi_id == READ_ONCE(napi->napi_id)))
		return s;
	s = rxpath_napi_slot_get(pc, napi);
	if (unlikely(!s))
		WRITE_ONCE(pc->untracked, pc->untracked + 1);
	*cache = s;
	return s;
}

/* One poll of the device instance in slot s. */
static __always_inline void rxpath_napi_count(struct rxpath_napi_slot *s,
					      struct napi_struct *napi,
					      int work, int budget)
{
	WRITE_ONCE(s->polls, s->polls + 1);
	WRITE_ONCE(s->work, s->work + work);
	if (work >= budget)
		WRITE_ONCE(s->full_polls, s->full_polls + 1);
	if (work > s->max_work)
		WRITE_ONCE(s->max_work, work);
	if (budget != s->weight)
		WRITE_ONCE(s->weight, budget);
	WRITE_ONCE(s->last_jiffies, jiffies);
	rxpath_rings_poll(&s->rings, napi, work, budget);
}

/*
 * A device's NAPI poll, out of the backlog's way: the backlog sample at
 * its cycle's first poll, its slot (the last device polled here, first).
 */
static noinline void rxpath_napi_poll_dev(struct softnet_data *sd,
					  struct napi_struct *napi, int work,
					  int budget, bool first)
{
	struct rxpath_napi_cpu *pc = this_cpu_ptr(rxpath_napi_cpus);
	struct rxpath_napi_slot *s;

	if (first)
		rxpath_softnet_sample(sd);
	s = rxpath_napi_slot(pc, &pc->last, napi);
	if (likely(s))
		rxpath_napi_count(s, napi, work, budget);
}

/* The first poll of this CPU's backlog since load or the last reset. */
static noinline void rxpath_napi_backlog_fresh(struct rxpath_napi_backlog *b,
					       unsigned int gen)
{
	WRITE_ONCE(b->polls, 0);
	WRITE_ONCE(b->work, 0);
	WRITE_ONCE(b->full_polls, 0);
	WRITE_ONCE(b->max_work, 0);
	/* Pairs with rxpath_napi_collect()'s smp_rmb(): zeroes, then gen. */
	smp_wmb();
	WRITE_ONCE(b->gen, gen);
	WRITE_ONCE(b->polled, true);
}

/* The sums of a poll of this CPU's backlog. */
static __always_inline void rxpath_napi_backlog_add(int work)
{
	rxpath_count_add(rxpath_napi_backlog.polls, 1);
	rxpath_count_add(rxpath_napi_backlog.work, work);
}

/* A poll of this CPU's backlog: per-CPU adds, nothing to look up. */
static __always_inline void rxpath_napi_poll_backlog(int work, int budget)
{
	unsigned int gen = READ_ONCE(rxpath_gen);

	if (unlikely(__this_cpu_read(rxpath_napi_backlog.gen) != gen))
		rxpath_napi_backlog_fresh(this_cpu_ptr(&rxpath_napi_backlog), gen);
	rxpath_napi_backlog_add(work);
	if (unlikely(work >= budget))
		rxpath_count_add(rxpath_napi_backlog.full_polls, 1);
	if (unlikely(work > __this_cpu_read(rxpath_napi_backlog.max_work)))
		__this_cpu_write(rxpath_napi_backlog.max_work, work);
}

/*
 * Whether a backlog poll of work changes nothing but its sums: counting
 * since the last reset already, under its weight, no more than the most.
 */
static __always_inline bool rxpath_napi_backlog_quiet(int work, int budget)
{
	return __this_cpu_read(rxpath_napi_backlog.gen) == READ_ONCE(rxpath_gen) &&
	       work < budget && work <= __this_cpu_read(rxpath_napi_backlog.max_work);
}

/* Any poll, each concern in turn. */
static noinline void rxpath_napi_poll_any(struct softnet_data *sd,
					  struct napi_struct *napi, int work,
					  int budget)
{
	bool first;

	if (unlikely(budget <= 0))
		return;
	work = max(work, 0);
	first = rxpath_budget_poll(sd, work);
	if (napi != &sd->backlog) {
		rxpath_napi_poll_dev(sd, napi, work, budget, first);
		return;
	}
	rxpath_softnet_sample(sd);
	rxpath_napi_poll_backlog(work, budget);
}

/*
 * TP_PROTO(struct napi_struct *napi, int work, int budget): right after a
 * poll. budget is the weight the poll was given; netpoll's polls with 0
 * (transmit cleanup only, possibly from hard interrupts) are left out.
 *
 * The quick path is the CPU-bound receive path's (netif_rx, veth,
 * loopback, RPS: one backlog poll per NET_RX cycle, often per packet): a
 * poll of this CPU's backlog that, to every concern, changes nothing but
 * sums. Each concern's test only reads, so any other poll goes to
 * rxpath_napi_poll_any() as it came; and the quick path calls nothing, so
 * it saves no register.
 */
static void rxpath_napi_poll(void *data, struct napi_struct *napi, int work,
			     int budget)
{
	struct softnet_data *sd;
	unsigned int mark;
	bool first;

	rxpath_tp_guard();
	sd = this_cpu_ptr(&softnet_data);
	if (likely(napi == &sd->backlog && budget > 0 && work >= 0 &&
		   rxpath_budget_quick(sd, &mark, &first) &&
		   rxpath_softnet_quiet(sd) &&
		   rxpath_napi_backlog_quiet(work, budget))) {
		rxpath_budget_quick_add(mark, first, work);
		rxpath_napi_backlog_add(work);
		return;
	}
	rxpath_napi_poll_any(sd, napi, work, budget);
}

static struct rxpath_probe rxpath_napi_poll_probe = {
	.name = "tracepoint:napi:napi_poll",
};

bool rxpath_napi_polls_seen(void)
{
	return rxpath_napi_poll_probe.attached;
}

/* ---- control ---------------------------------------------------------- */

static void rxpath_napi_reset(void)
{
	WRITE_ONCE(rxpath_gen, READ_ONCE(rxpath_gen) + 1 ?: 1);
}

/* ---- the NAPI table ---------------------------------------------------- */

static int rxpath_napi_row_cmp_key(const void *a, const void *b)
{
	const struct rxpath_napi_row *x = a, *y = b;

	if (x->napi != y->napi)
		return x->napi < y->napi ? -1 : 1;
	if (x->napi_id != y->napi_id)
		return x->napi_id < y->napi_id ? -1 : 1;
	return 0;
}

/* Devices by name, their instances by id; the backlogs last, by CPU. */
static int rxpath_napi_row_cmp_show(const void *a, const void *b)
{
	const struct rxpath_napi_row *x = a, *y = b;
	int d;

	if (x->backlog != y->backlog)
		return x->backlog ? 1 : -1;
	if (x->backlog)
		return x->cpu - y->cpu;
	d = strcmp(x->dev, y->dev);
	if (d)
		return d;
	return x->napi_id < y->napi_id ? -1 : x->napi_id > y->napi_id;
}

static struct rxpath_napi_row *
rxpath_napi_row_find(struct rxpath_napi_row *rows, unsigned int n,
		     const struct napi_struct *napi, unsigned int napi_id)
{
	struct rxpath_napi_row key = { .napi = napi, .napi_id = napi_id };

	return bsearch(&key, rows, n, sizeof(*rows), rxpath_napi_row_cmp_key);
}

#define RXPATH_NAPI_DUMMY_IDLE	(60 * HZ)

/*
 * A dummy netdev's row name: its own, or "dummy" (alloc_netdev_dummy's
 * "dummy#"). The slot's copy may be rewritten meanwhile: read once, ended.
 */
static void rxpath_napi_dummy_name(char *to, const char *slot_name)
{
	char name[IFNAMSIZ];

	memcpy(name, slot_name, sizeof(name));
	name[sizeof(name) - 1] = '\0';
	strscpy(to, !name[0] || strpbrk(name, "%#") ? "dummy" : name, IFNAMSIZ);
}

/* The slots in use and backlogs polled, over every CPU: the rows a collect needs. */
static unsigned int rxpath_napi_slots_used(void)
{
	unsigned int cpu, i, n = 0;

	for_each_possible_cpu(cpu) {
		struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		for (i = 0; i < RXPATH_NAPI_SLOTS; i++)
			if (READ_ONCE(pc->slot[i].napi) && !READ_ONCE(pc->slot[i].dead))
				n++;
		n += READ_ONCE(per_cpu(rxpath_napi_backlog, cpu).polled);
	}
	return n;
}

/* cpu's backlog into r (its instance is there to read: never freed). */
static void rxpath_napi_backlog_row(struct rxpath_napi_row *r, unsigned int cpu,
				    unsigned int gen)
{
	const struct rxpath_napi_backlog *b = per_cpu_ptr(&rxpath_napi_backlog, cpu);
	struct napi_struct *napi = &per_cpu(softnet_data, cpu).backlog;

	r->napi = napi;
	r->napi_id = READ_ONCE(napi->napi_id);
	r->cpu = cpu;
	r->weight = READ_ONCE(napi->weight);
	if (READ_ONCE(b->gen) != gen)
		return;		/* not polled since the reset */
	/* Pairs with rxpath_napi_backlog_fresh()'s smp_wmb(). */
	smp_rmb();
	r->polls = READ_ONCE(b->polls);
	r->work = READ_ONCE(b->work);
	r->full_polls = READ_ONCE(b->full_polls);
	r->max_work = READ_ONCE(b->max_work);
}

/*
 * Every slot of every CPU, merged into one row per (instance, id): at most
 * max slots, so one claimed since they were counted waits for the next
 * read.
 */
static unsigned int rxpath_napi_collect(struct rxpath_napi_row *rows,
					unsigned int max)
{
	unsigned int cpu, i, n = 0, m;
	unsigned int gen = READ_ONCE(rxpath_gen);

	for_each_possible_cpu(cpu) {
		struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		for (i = 0; i < RXPATH_NAPI_SLOTS && n < max; i++) {
			struct rxpath_napi_slot *s = &pc->slot[i];
			struct rxpath_napi_row *r = &rows[n];

			/* Pairs with the release that published the slot. */
			r->napi = smp_load_acquire(&s->napi);
			if (!r->napi || READ_ONCE(s->dead))
				continue;
			r->napi_id = READ_ONCE(s->napi_id);
			r->cpu = cpu;
			r->last_jiffies = READ_ONCE(s->last_jiffies);
			r->weight = READ_ONCE(s->weight);
			r->dummy = READ_ONCE(s->dummy);
			if (r->dummy)
				rxpath_napi_dummy_name(r->dev, s->dummy_name);
			if (READ_ONCE(s->gen) == gen) {
				r->polls = READ_ONCE(s->polls);
				r->work = READ_ONCE(s->work);
				r->full_polls = READ_ONCE(s->full_polls);
				r->max_work = READ_ONCE(s->max_work);
				r->rings = s->rings;
			}
			n++;
		}
		if (n < max && READ_ONCE(per_cpu(rxpath_napi_backlog, cpu).polled))
			rxpath_napi_backlog_row(&rows[n++], cpu, gen);
	}
	sort(rows, n, sizeof(*rows), rxpath_napi_row_cmp_key, NULL);
	for (i = 0, m = 0; i < n; i++) {
		struct rxpath_napi_row *r = &rows[i], *to = &rows[m - 1];

		if (m && !rxpath_napi_row_cmp_key(r, to)) {
			/* The same instance on another CPU. */
			if (time_after(r->last_jiffies, to->last_jiffies)) {
				to->cpu = r->cpu;
				to->last_jiffies = r->last_jiffies;
				to->weight = r->weight;
			}
			to->polls += r->polls;
			to->work += r->work;
			to->full_polls += r->full_polls;
			to->max_work = max(to->max_work, r->max_work);
			rxpath_rings_merge(&to->rings, &r->rings);
			continue;
		}
		rows[m++] = *r;
	}
	return m;
}

/* A ring row's device: its drops for want of a descriptor or FIFO space. */
static void rxpath_napi_row_missed(struct rxpath_napi_row *r,
				   struct net_device *dev,
				   const struct napi_struct *napi)
{
	struct rtnl_link_stats64 st;

	if (!r->rings.gen || r->rings.driver < 0 || r->missed_ok)
		return;
	dev_get_stats(dev, &st);
	r->missed_ok = rxpath_rings_drops(r->rings.driver, napi, &st, &r->missed);
}

/*
 * Which rows are instances that exist now: a CPU's backlog, or a NAPI on
 * the list of a registered device in some namespace (netif_napi_del takes
 * it off under RCU before it can be freed). Only those are dereferenced,
 * and only here. A NAPI on a dummy netdev (alloc_netdev_dummy,
 * init_dummy_netdev: wireless and other drivers poll so) is on no list
 * rxpath can walk: its row is shown while it polled in the last minute,
 * and its slot is kept (rxpath_napi_slot_unlisted) for when it polls
 * again, or until its address comes back with another napi_id.
 */
static void rxpath_napi_mark_live(struct rxpath_napi_row *rows, unsigned int n)
{
	struct rxpath_napi_row *r;
	struct napi_struct *napi;
	struct net_device *dev;
	unsigned int cpu;
	struct net *net;

	rcu_read_lock();
	for_each_possible_cpu(cpu) {
		napi = &per_cpu(softnet_data, cpu).backlog;
		r = rxpath_napi_row_find(rows, n, napi, READ_ONCE(napi->napi_id));
		if (r) {
			r->live = true;
			r->backlog = true;
			r->cpu = cpu;
			strscpy(r->dev, "backlog", sizeof(r->dev));
		}
	}
	for_each_net_rcu(net) {
		for_each_netdev_rcu(net, dev) {
			list_for_each_entry_rcu(napi, &dev->napi_list, dev_list) {
				r = rxpath_napi_row_find(rows, n, napi,
							 READ_ONCE(napi->napi_id));
				if (!r)
					continue;
				r->live = true;
				r->ifindex = dev->ifindex;
				strscpy(r->dev, dev->name, sizeof(r->dev));
				rxpath_napi_row_missed(r, dev, napi);
			}
		}
	}
	rcu_read_unlock();
	for (r = rows; r < rows + n; r++)
		if (r->dummy && !r->live)
			r->live = time_before(jiffies, r->last_jiffies + RXPATH_NAPI_DUMMY_IDLE);
}

/* Frees the slots of instances that are gone, for their CPUs to reuse. */
static void rxpath_napi_forget(bool (*gone)(const struct rxpath_napi_slot *s,
					    const void *arg),
			       const void *arg)
{
	unsigned int cpu, i;

	for_each_possible_cpu(cpu) {
		struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		for (i = 0; i < RXPATH_NAPI_SLOTS; i++) {
			struct rxpath_napi_slot *s = &pc->slot[i];

			/* Pairs with the release that published the slot. */
			if (smp_load_acquire(&s->napi) && gone(s, arg))
				WRITE_ONCE(s->dead, true);
		}
	}
}

static bool rxpath_napi_slot_unlisted(const struct rxpath_napi_slot *s,
				      const void *arg)
{
	const struct rxpath_napi_rows *rows = arg;
	const struct rxpath_napi_row *r;

	r = rxpath_napi_row_find(rows->row, rows->n, READ_ONCE(s->napi),
				 READ_ONCE(s->napi_id));
	return r && !r->live && !r->dummy;
}

/*
 * The instances that exist now, one row each, merged over CPUs and sorted
 * for showing; forgets the slots of those that are gone. rows->n is 0 when
 * the poll probe is not attached. Put with rxpath_napi_rows_put.
 */
int rxpath_napi_rows_get(struct rxpath_napi_rows *rows)
{
	unsigned int i, n, max;

	rows->n = 0;
	/*
	 * Room for the slots in use, not for every slot of every possible
	 * CPU: a read costs what the instances that polled cost.
	 */
	max = rxpath_napi_poll_probe.attached ? rxpath_napi_slots_used() : 0;
	rows->row = kvcalloc(max ?: 1, sizeof(*rows->row), GFP_KERNEL);
	if (!rows->row)
		return -ENOMEM;
	if (!max)
		return 0;
	rows->n = rxpath_napi_collect(rows->row, max);
	rxpath_napi_mark_live(rows->row, rows->n);
	rxpath_napi_forget(rxpath_napi_slot_unlisted, rows);
	for (i = 0, n = 0; i < rows->n; i++)
		if (rows->row[i].live)
			rows->row[n++] = rows->row[i];
	rows->n = n;
	sort(rows->row, rows->n, sizeof(*rows->row), rxpath_napi_row_cmp_show, NULL);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_napi_rows_get);

void rxpath_napi_rows_put(struct rxpath_napi_rows *rows)
{
	kvfree(rows->row);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_napi_rows_put);

static int rxpath_napi_show(struct seq_file *m, void *v)
{
	struct rxpath_napi_rows rows;
	struct rxpath_napi_row *r;
	unsigned int i;
	int err;

	seq_puts(m, "napi_id dev cpu polls work full_polls weight max_work\n");
	err = rxpath_napi_rows_get(&rows);
	if (err)
		return err;
	for (i = 0; i < rows.n; i++) {
		r = &rows.row[i];
		seq_printf(m, "%u %s %d %llu %llu %llu %u %u\n", r->napi_id,
			   r->dev, r->cpu, r->polls, r->work, r->full_polls,
			   r->weight, r->max_work);
	}
	rxpath_napi_rows_put(&rows);
	return 0;
}

static const struct rxpath_file rxpath_napi_file = {
	.show = rxpath_napi_show,
};

static bool rxpath_napi_slot_of_dev(const struct rxpath_napi_slot *s,
				    const void *dev)
{
	return READ_ONCE(s->dev) == dev;
}

/* A device going away: its instances leave the table (they cannot poll). */
static int rxpath_napi_netdev_event(struct notifier_block *nb,
				    unsigned long event, void *ptr)
{
	if (event == NETDEV_UNREGISTER)
		rxpath_napi_forget(rxpath_napi_slot_of_dev,
				   netdev_notifier_info_to_dev(ptr));
	return NOTIFY_DONE;
}

static struct notifier_block rxpath_napi_netdev_nb = {
	.notifier_call = rxpath_napi_netdev_event,
};
static bool rxpath_napi_nb_registered;

/* ---- status ------------------------------------------------------------ */

static void rxpath_napi_show_status(struct seq_file *m)
{
	unsigned int cpu;
	u64 untracked = 0;

	for_each_possible_cpu(cpu) {
		const struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		if (READ_ONCE(pc->gen) == READ_ONCE(rxpath_gen))
			untracked += READ_ONCE(pc->untracked);
	}
	seq_printf(m, "napi_polls_untracked %llu\n", untracked);
	seq_printf(m, "tracepoint_probes %s\n", RXPATH_TP_CONTEXT);
}

/* ---- init / exit ------------------------------------------------------- */

static int rxpath_napi_init(void)
{
	/* alloc_percpu() refuses more than PCPU_MIN_UNIT_SIZE (32 KiB). */
	BUILD_BUG_ON(sizeof(struct rxpath_napi_cpu) > PCPU_MIN_UNIT_SIZE);
	rxpath_napi_cpus = alloc_percpu(struct rxpath_napi_cpu);
	if (!rxpath_napi_cpus)
		return -ENOMEM;
	rxpath_napi_nb_registered =
		!register_netdevice_notifier(&rxpath_napi_netdev_nb);
	rxpath_probe_report(&rxpath_napi_poll_probe,
			    register_trace_napi_poll(rxpath_napi_poll, NULL),
			    "tracepoint registration refused");
	return 0;
}

static void rxpath_napi_files(void)
{
	rxpath_file_add("napi", &rxpath_napi_file);
}

static void rxpath_napi_exit(void)
{
	if (rxpath_napi_poll_probe.attached)
		unregister_trace_napi_poll(rxpath_napi_poll, NULL);
	rxpath_probe_forget(&rxpath_napi_poll_probe);
	if (rxpath_napi_nb_registered)
		unregister_netdevice_notifier(&rxpath_napi_netdev_nb);
	/* No probe may still be running on the data freed next. */
	tracepoint_synchronize_unregister();
	free_percpu(rxpath_napi_cpus);
}

const struct rxpath_concern rxpath_napi_concern = {
	.name = "napi",
	.init = rxpath_napi_init,
	.exit = rxpath_napi_exit,
	.files = rxpath_napi_files,
	.show_status = rxpath_napi_show_status,
	.reset = rxpath_napi_reset,
};
