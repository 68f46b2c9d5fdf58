// SPDX-License-Identifier: GPL-2.0
/*
 * The per-poll hooks: NAPI budget accounting per net_rx_action cycle, the
 * table of NAPI instances, and the poll-time samples other concerns take.
 *
 * A NET_RX softirq runs net_rx_action once: a cycle. irq:softirq_entry and
 * irq:softirq_exit (vector NET_RX) bracket it on its CPU, and every
 * napi:napi_poll inside adds its work. The cycle takes netdev_budget at its
 * start; it ends either drained, or squeezed when the budget is spent or
 * netdev_budget_usecs has passed, and a squeeze is exactly what increments
 * the CPU's softnet time_squeeze. rxpath reads that counter at both ends: a
 * cycle that moved it was squeezed, by the packet budget if its work reached
 * the budget, by time otherwise. So budget_squeeze + time_squeeze equals the
 * kernel's count by construction, and only the split is rxpath's.
 *
 * Polls outside a NET_RX softirq (threaded NAPI, threaded backlog, busy
 * polling) are counted in the NAPI table and in outside_polls, never in a
 * cycle: they have no budget and cannot squeeze.
 *
 * Cost: three tracepoint probes, per softirq and per poll, never per packet.
 * Every count is per CPU and written only by its CPU, in softirq or
 * bottom-half context; readers use READ_ONCE. A reset bumps a generation
 * number that each CPU compares before counting, and zeroes its own counts
 * when it changed, so a reset never races a writer.
 */
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/sched/clock.h>
#include <linux/bsearch.h>
#include <linux/sort.h>
#include <net/net_namespace.h>
#include <trace/events/napi.h>
#include "rxpath.h"
#include "compat.h"

static int rxpath_budget_warn_pct_set(const char *val,
				      const struct kernel_param *kp);
static const struct kernel_param_ops rxpath_budget_warn_pct_ops = {
	.set = rxpath_budget_warn_pct_set,
	.get = param_get_uint,
};
static unsigned int budget_warn_pct = 50;
module_param_cb(budget_warn_pct, &rxpath_budget_warn_pct_ops,
		&budget_warn_pct, 0444);
MODULE_PARM_DESC(budget_warn_pct,
		 "A cycle that ends with less than this percentage (0-100) of netdev_budget left counts in low_budget_cycles; settable later in debugfs budget_warn_pct");

/* What one CPU counted since the generation gen began. */
struct rxpath_budget_counts {
	u64 cycles;
	u64 drained;
	u64 budget_squeeze;
	u64 time_squeeze;
	u64 low;
	u64 work;		/* what the cycles' polls returned */
	u64 outside_polls;
	u64 hist[RXPATH_BUDGET_BUCKETS];
	unsigned int max_usecs;
};

/* One NAPI instance as one CPU saw it; the key is never dereferenced. */
struct rxpath_napi_slot {
	const struct napi_struct *napi;	/* NULL: free */
	const struct net_device *dev;	/* for the unregister notifier */
	unsigned int napi_id;
	unsigned int gen;
	bool dead;			/* the instance is gone: reusable */
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

struct rxpath_napi_cpu {
	/* the cycle in progress */
	bool in_cycle;
	int budget;
	unsigned int squeeze_at_start;
	u64 start_ns;
	u64 work;
	/* counts */
	unsigned int gen;
	struct rxpath_budget_counts c;
	u64 untracked;		/* polls of NAPIs that found no free slot */
	struct rxpath_napi_slot slot[RXPATH_NAPI_SLOTS];
};

static struct rxpath_napi_cpu __percpu *rxpath_napi_cpus;
static unsigned int rxpath_gen;
static int *rxpath_budget_var;
static int rxpath_budget_var_err;

/* ---- probe context ---------------------------------------------------- */

/* This CPU's data, its counts zeroed first if a reset came since. */
static struct rxpath_napi_cpu *rxpath_napi_this_cpu(void)
{
	struct rxpath_napi_cpu *pc = this_cpu_ptr(rxpath_napi_cpus);
	unsigned int gen = READ_ONCE(rxpath_gen);

	if (unlikely(pc->gen != gen)) {
		memset(&pc->c, 0, sizeof(pc->c));
		pc->untracked = 0;
		WRITE_ONCE(pc->gen, gen);
	}
	return pc;
}

/* TP_PROTO(unsigned int vec_nr) */
static void rxpath_napi_softirq_entry(void *data, unsigned int vec_nr)
{
	struct rxpath_napi_cpu *pc;
	int *budget = READ_ONCE(rxpath_budget_var);

	rxpath_tp_guard();
	if (vec_nr != NET_RX_SOFTIRQ)
		return;
	rxpath_softnet_sample();
	pc = rxpath_napi_this_cpu();
	pc->budget = budget ? READ_ONCE(*budget) : 0;
	pc->squeeze_at_start = rxpath_sd_time_squeeze(this_cpu_ptr(&softnet_data));
	pc->work = 0;
	pc->start_ns = local_clock();
	pc->in_cycle = true;
}

/* TP_PROTO(unsigned int vec_nr) */
static void rxpath_napi_softirq_exit(void *data, unsigned int vec_nr)
{
	struct rxpath_napi_cpu *pc;
	struct rxpath_budget_counts *c;
	unsigned int usecs, bucket;
	enum rxpath_cycle_end end;

	rxpath_tp_guard();
	if (vec_nr != NET_RX_SOFTIRQ)
		return;
	pc = this_cpu_ptr(rxpath_napi_cpus);
	if (!pc->in_cycle)	/* it began before rxpath was loaded */
		return;
	pc->in_cycle = false;
	if (unlikely(pc->gen != READ_ONCE(rxpath_gen)))
		return;		/* reset mid-cycle: the next one counts */
	c = &pc->c;
	usecs = min_t(u64, div_u64(local_clock() - pc->start_ns, NSEC_PER_USEC),
		      UINT_MAX);
	WRITE_ONCE(c->cycles, c->cycles + 1);
	WRITE_ONCE(c->work, c->work + pc->work);
	if (usecs > c->max_usecs)
		WRITE_ONCE(c->max_usecs, usecs);
	end = rxpath_cycle_end(pc->squeeze_at_start,
			       rxpath_sd_time_squeeze(this_cpu_ptr(&softnet_data)),
			       pc->work, pc->budget);
	switch (end) {
	case RXPATH_CYCLE_DRAINED:
		WRITE_ONCE(c->drained, c->drained + 1);
		break;
	case RXPATH_CYCLE_BUDGET:
		WRITE_ONCE(c->budget_squeeze, c->budget_squeeze + 1);
		break;
	case RXPATH_CYCLE_TIME:
		WRITE_ONCE(c->time_squeeze, c->time_squeeze + 1);
		break;
	}
	if (rxpath_budget_left_pct(pc->work, pc->budget) <
	    READ_ONCE(budget_warn_pct))
		WRITE_ONCE(c->low, c->low + 1);
	bucket = rxpath_budget_bucket(pc->work, pc->budget);
	WRITE_ONCE(c->hist[bucket], c->hist[bucket] + 1);
	rxpath_dev_cycle(pc->budget, pc->work, end, usecs);
}

/*
 * The slot of napi in this CPU's table, claimed if new: open addressing on
 * the pointer. A slot whose instance is gone (dead, or another napi_id at
 * the same address) starts over.
 */
static struct rxpath_napi_slot *
rxpath_napi_slot_get(struct rxpath_napi_cpu *pc, const struct napi_struct *napi)
{
	unsigned int i, h = hash_ptr(napi, RXPATH_NAPI_SLOTS_BITS);
	unsigned int id = READ_ONCE(napi->napi_id);
	struct rxpath_napi_slot *s, *reuse = NULL;

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
	WRITE_ONCE(s->gen, pc->gen);
	WRITE_ONCE(s->dead, false);
	/* Readers take the key last: a slot they see has its fields. */
	smp_store_release(&s->napi, napi);
	return s;
}

/*
 * TP_PROTO(struct napi_struct *napi, int work, int budget): right after a
 * poll. budget is the weight the poll was given; netpoll's polls with 0
 * (transmit cleanup only, possibly from hard interrupts) are left out.
 */
static void rxpath_napi_poll(void *data, struct napi_struct *napi, int work,
			     int budget)
{
	struct rxpath_napi_cpu *pc;
	struct rxpath_napi_slot *s;

	rxpath_tp_guard();
	if (budget <= 0 || in_hardirq() || in_nmi())
		return;
	if (napi == this_cpu_ptr(&softnet_data.backlog))
		rxpath_softnet_sample();
	if (work < 0)
		work = 0;
	pc = rxpath_napi_this_cpu();
	if (pc->in_cycle && in_serving_softirq())
		pc->work += work;
	else
		WRITE_ONCE(pc->c.outside_polls, pc->c.outside_polls + 1);
	s = rxpath_napi_slot_get(pc, napi);
	if (unlikely(!s)) {
		WRITE_ONCE(pc->untracked, pc->untracked + 1);
		return;
	}
	WRITE_ONCE(s->polls, s->polls + 1);
	WRITE_ONCE(s->work, s->work + work);
	if (work >= budget)
		WRITE_ONCE(s->full_polls, s->full_polls + 1);
	if (work > s->max_work)
		WRITE_ONCE(s->max_work, work);
	WRITE_ONCE(s->weight, budget);
	WRITE_ONCE(s->last_jiffies, jiffies);
	rxpath_rings_poll(&s->rings, napi, work, budget);
}

static struct rxpath_probe rxpath_napi_poll_probe = {
	.name = "tracepoint:napi:napi_poll",
};

static struct rxpath_probe rxpath_softirq_entry_probe = {
	.name = "tracepoint:irq:softirq_entry",
};

static struct rxpath_probe rxpath_softirq_exit_probe = {
	.name = "tracepoint:irq:softirq_exit",
};

/* ---- control ---------------------------------------------------------- */

void rxpath_napi_reset(void)
{
	WRITE_ONCE(rxpath_gen, READ_ONCE(rxpath_gen) + 1);
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
	WRITE_ONCE(budget_warn_pct, pct);
	return 0;
}

static int rxpath_budget_warn_pct_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%u\n", READ_ONCE(budget_warn_pct));
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
	WRITE_ONCE(budget_warn_pct, pct);
	return len;
}

static const struct rxpath_file rxpath_budget_warn_pct_file = {
	.show = rxpath_budget_warn_pct_show,
	.write = rxpath_budget_warn_pct_write,
};

/* ---- budget tables ------------------------------------------------------ */

/* cpu's counts as of now: zeros when a reset came after its last cycle. */
static void rxpath_budget_read(unsigned int cpu, struct rxpath_budget_counts *c)
{
	const struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);
	unsigned int b;

	memset(c, 0, sizeof(*c));
	if (READ_ONCE(pc->gen) != READ_ONCE(rxpath_gen))
		return;
	c->cycles = READ_ONCE(pc->c.cycles);
	c->drained = READ_ONCE(pc->c.drained);
	c->budget_squeeze = READ_ONCE(pc->c.budget_squeeze);
	c->time_squeeze = READ_ONCE(pc->c.time_squeeze);
	c->low = READ_ONCE(pc->c.low);
	c->work = READ_ONCE(pc->c.work);
	c->outside_polls = READ_ONCE(pc->c.outside_polls);
	c->max_usecs = READ_ONCE(pc->c.max_usecs);
	for (b = 0; b < RXPATH_BUDGET_BUCKETS; b++)
		c->hist[b] = READ_ONCE(pc->c.hist[b]);
}

static bool rxpath_budget_cycles_seen(void)
{
	return rxpath_softirq_entry_probe.attached &&
	       rxpath_softirq_exit_probe.attached &&
	       rxpath_napi_poll_probe.attached;
}

static void rxpath_budget_header(struct seq_file *m)
{
	seq_puts(m, "cpu cycles drained_cycles budget_squeeze time_squeeze low_budget_cycles work max_cycle_usecs outside_polls\n");
}

static void rxpath_budget_row(struct seq_file *m, unsigned int cpu)
{
	struct rxpath_budget_counts c;

	rxpath_budget_read(cpu, &c);
	seq_printf(m, "%u", cpu);
	if (!rxpath_budget_cycles_seen()) {
		seq_puts(m, " - - - - - - -");
	} else {
		seq_printf(m, " %llu %llu", c.cycles, c.drained);
		if (rxpath_budget_var)
			seq_printf(m, " %llu %llu %llu", c.budget_squeeze,
				   c.time_squeeze, c.low);
		else
			seq_puts(m, " - - -");
		seq_printf(m, " %llu %u", c.work, c.max_usecs);
	}
	if (rxpath_napi_poll_probe.attached)
		seq_printf(m, " %llu\n", c.outside_polls);
	else
		seq_puts(m, " -\n");
}

VISIBLE_IF_KUNIT const struct rxpath_cpu_table rxpath_budget_table = {
	.show_header = rxpath_budget_header,
	.show_row = rxpath_budget_row,
};
EXPORT_SYMBOL_IF_KUNIT(rxpath_budget_table);

static void rxpath_budget_hist_header(struct seq_file *m)
{
	unsigned int b;

	seq_puts(m, "cpu");
	for (b = 0; b + 1 < RXPATH_BUDGET_BUCKETS; b++)
		seq_printf(m, " %u-%u", b * 10, b * 10 + 9);
	seq_printf(m, " %u+\n", b * 10);
}

static void rxpath_budget_hist_row(struct seq_file *m, unsigned int cpu)
{
	struct rxpath_budget_counts c;
	unsigned int b;
	bool ok = rxpath_budget_cycles_seen() && rxpath_budget_var;

	rxpath_budget_read(cpu, &c);
	seq_printf(m, "%u", cpu);
	for (b = 0; b < RXPATH_BUDGET_BUCKETS; b++) {
		if (ok)
			seq_printf(m, " %llu", c.hist[b]);
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

/* The slots in use now, over every CPU: the rows a collect needs. */
static unsigned int rxpath_napi_slots_used(void)
{
	unsigned int cpu, i, n = 0;

	for_each_possible_cpu(cpu) {
		struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		for (i = 0; i < RXPATH_NAPI_SLOTS; i++)
			if (READ_ONCE(pc->slot[i].napi) && !READ_ONCE(pc->slot[i].dead))
				n++;
	}
	return n;
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
			if (READ_ONCE(s->gen) == gen) {
				r->polls = READ_ONCE(s->polls);
				r->work = READ_ONCE(s->work);
				r->full_polls = READ_ONCE(s->full_polls);
				r->max_work = READ_ONCE(s->max_work);
				r->rings = s->rings;
			}
			n++;
		}
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
 * and only here.
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
	return r && !r->live;
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

void rxpath_napi_rows_put(struct rxpath_napi_rows *rows)
{
	kvfree(rows->row);
}

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

void rxpath_napi_show_status(struct seq_file *m)
{
	u64 untracked = 0, outside = 0;
	struct rxpath_budget_counts c;
	bool threaded = false;
	unsigned int cpu;

	if (rxpath_budget_var)
		seq_printf(m, "netdev_budget %d (read from %s)\n",
			   READ_ONCE(*rxpath_budget_var),
			   RXPATH_NETDEV_BUDGET_SOURCE);
	else
		seq_printf(m, "netdev_budget unknown: %pe from %s; budget_squeeze, time_squeeze, low_budget_cycles and budget_hist show -\n",
			   ERR_PTR(rxpath_budget_var_err),
			   RXPATH_NETDEV_BUDGET_SOURCE);
	seq_printf(m, "budget_warn_pct %u\n", READ_ONCE(budget_warn_pct));
	for_each_possible_cpu(cpu) {
		const struct rxpath_napi_cpu *pc = per_cpu_ptr(rxpath_napi_cpus, cpu);

		rxpath_budget_read(cpu, &c);
		outside += c.outside_polls;
		threaded |= rxpath_backlog_threaded(cpu);
		if (READ_ONCE(pc->gen) == READ_ONCE(rxpath_gen))
			untracked += READ_ONCE(pc->untracked);
	}
	seq_printf(m, "napi_polls_outside_net_rx_action %llu%s\n", outside,
		   outside ? " (threaded NAPI or backlog, or busy polling: in napi, not in budget)" : "");
	seq_printf(m, "napi_polls_untracked %llu\n", untracked);
	seq_printf(m, "backlog_napi %s\n", threaded ?
		   "threads (thread_backlog_napi: process_backlog runs in backlog_napi/N, outside net_rx_action, with no budget)" :
		   "softirq");
	seq_printf(m, "tracepoint_probes %s\n", RXPATH_TP_CONTEXT);
}

/* ---- init / exit ------------------------------------------------------- */

/*
 * Called first of all at load (main.c): the lookup's temporary kprobe
 * changes the filter of ftrace's kprobe ops, which re-patches every call
 * site that ops covers; before rxpath's own probes exist, that is only the
 * handler's.
 */
void rxpath_napi_find_budget(void)
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

int rxpath_napi_init(void)
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
	rxpath_tracepoint_attach(&rxpath_softirq_exit_probe, "softirq_exit",
				 rxpath_napi_softirq_exit);
	rxpath_tracepoint_attach(&rxpath_softirq_entry_probe, "softirq_entry",
				 rxpath_napi_softirq_entry);
	return 0;
}

void rxpath_napi_debugfs_init(void)
{
	rxpath_debugfs_cpu_table("budget", &rxpath_budget_table);
	rxpath_debugfs_cpu_table("budget_hist", &rxpath_budget_hist_table);
	rxpath_debugfs_file("budget_warn_pct", &rxpath_budget_warn_pct_file);
	rxpath_debugfs_file("napi", &rxpath_napi_file);
}

void rxpath_napi_exit(void)
{
	rxpath_tracepoint_detach(&rxpath_softirq_entry_probe);
	rxpath_tracepoint_detach(&rxpath_softirq_exit_probe);
	if (rxpath_napi_poll_probe.attached)
		unregister_trace_napi_poll(rxpath_napi_poll, NULL);
	rxpath_probe_forget(&rxpath_napi_poll_probe);
	if (rxpath_napi_nb_registered)
		unregister_netdevice_notifier(&rxpath_napi_netdev_nb);
	/* No probe may still be running on the data freed next. */
	tracepoint_synchronize_unregister();
	free_percpu(rxpath_napi_cpus);
}
