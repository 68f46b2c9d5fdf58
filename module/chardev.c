// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/rxpath: the event stream (records in include/uapi/linux/rxpath.h),
 * and debugfs's tables and controls for machines without it.
 *
 * Any open file description reads the tables (RXPATH_IOC_TABLE) and, with
 * CAP_SYS_ADMIN, makes the controls' writes (RXPATH_IOC_CONTROL): the
 * device's mode is what lets a group of monitoring users open it. One
 * becomes a reader of the stream at its first read, poll or filter: a
 * program that only reads tables costs the probes nothing.
 *
 * Every reader has buffers of its own, one per
 * possible CPU, each a ring of fixed-size records with one producer (its
 * CPU) and one consumer (the reader's read()). Producers run in probe
 * context: they walk the reader list under RCU and write into their own
 * CPU's buffer with interrupts off (the hooks nest: a hard interrupt may
 * enqueue to a backlog while a softirq on the same CPU is doing so), take
 * no lock and allocate nothing. A full buffer counts the record lost; the
 * reader gets the count as a LOST record. Wake-ups go through an irq_work,
 * as waking a task takes the wait queue's lock.
 *
 * Backlog and drop records coalesce: while the last record of its type
 * that a buffer got is for the same backlog CPU, a producer adds to its
 * count instead of writing a new one, until the reader takes it (the
 * record keeps the time of its first packet). The reader
 * closes a record with an atomic exchange of its count, so each packet is
 * counted exactly once, in the record the producer grew or in a new one.
 * A reader that keeps up gets records as they happen; one that falls
 * behind gets fewer, bigger ones, and loses nothing while the open
 * records still grow.
 *
 * The producers are no more than a static branch while nobody reads.
 */
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/jump_label.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/poll.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "rxpath.h"
#include "compat.h"
#include "events.h"
#include "softnet.h"

static int rxpath_events_records_set(const char *val, const struct kernel_param *kp);
static const struct kernel_param_ops rxpath_events_records_ops = {
	.set = rxpath_events_records_set,
	.get = param_get_uint,
};
static unsigned int buffer_records = 1024;
module_param_cb(buffer_records, &rxpath_events_records_ops, &buffer_records, 0444);
MODULE_PARM_DESC(buffer_records,
		 "Records each reader of /dev/rxpath can hold per CPU: a power of 2 from 16 to 65536 (64 bytes each)");

#define RXPATH_DEV_MAX_READERS	16
#define RXPATH_COUNT_CLOSED	0x80000000U
#define RXPATH_TYPES_SETTABLE	((1U << RXPATH_REC_TYPES) - (1U << RXPATH_REC_BACKLOG))

DEFINE_STATIC_KEY_FALSE(rxpath_events_on);

/* One reader's buffer for one CPU. */
struct rxpath_rbuf {
	/* the producer's (the buffer's CPU, interrupts off) */
	u32 head;		/* the next record to write, free-running */
	struct {
		u32 seq;	/* the record that may still grow: its index, */
		u32 cpu;	/* its backlog CPU; */
		bool valid;	/* whether there is one */
	} open[2];		/* for BACKLOG, for BACKLOG_DROP */
	u32 refused_base;	/* softnet_stat's dropped at the reader's open */
	bool refused_based;	/* not yet past it */
	atomic64_t lost;	/* records that did not fit, not yet in a record */
	atomic64_t lost_total;	/* and all of them, since the open */
	/* the consumer's (the reader, under its lock) */
	u32 tail ____cacheline_aligned_in_smp;
	struct rxpath_record rec[] ____cacheline_aligned_in_smp;
};

struct rxpath_reader {
	struct list_head node;		/* on rxpath_readers, under RCU */
	struct rxpath_filter filter;	/* fields read by producers */
	struct rxpath_rbuf **buf;	/* one per possible CPU */
	u32 mask;			/* records per buffer - 1 */
	wait_queue_head_t wait;
	struct irq_work wake;
	struct mutex lock;		/* read, ioctl */
	struct delayed_work summary;
	u64 records;			/* delivered */
	unsigned int next_cpu;		/* whose buffer the next read starts at */
	bool joined;			/* buffers, on the list: a stream reader */
};

/* The most budget_left_pct of the readers that take CYCLE records; 0: none. */
unsigned int rxpath_events_cycle_pct;
static LIST_HEAD(rxpath_readers);
static DEFINE_MUTEX(rxpath_readers_lock);
static unsigned int rxpath_nreaders;

static int rxpath_events_records_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < 16 || n > 65536 || !is_power_of_2(n)) {
		pr_warn("buffer_records: a power of 2 from 16 to 65536, not '%s'\n",
			val);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = n;
	return 0;
}

static int rxpath_reader_join(struct rxpath_reader *r);

/* ---- probe context ---------------------------------------------------- */

/* The count of a coalescing record, NULL for other types. */
static u32 *rxpath_rec_count(struct rxpath_record *rec, u32 type)
{
	if (type == RXPATH_REC_BACKLOG)
		return &rec->u.backlog.count;
	if (type == RXPATH_REC_BACKLOG_DROP)
		return &rec->u.drop.count;
	return NULL;
}

/*
 * Adds n packets to the open record of its type in b when it is for the
 * same backlog CPU and still open: not taken by the reader, not so old
 * that its slot was written again, count not at its limit.
 */
static bool rxpath_events_grow(struct rxpath_reader *r, u32 type, u32 cpu,
			       u32 qlen, u32 n)
{
	struct rxpath_rbuf *b = r->buf[smp_processor_id()];
	typeof(b->open[0]) *o = &b->open[type - RXPATH_REC_BACKLOG];
	struct rxpath_record *rec;
	u32 *count, c, prev;

	if (!o->valid || o->cpu != cpu || b->head - o->seq > r->mask)
		return false;
	rec = &b->rec[o->seq & r->mask];
	if (type == RXPATH_REC_BACKLOG && qlen > READ_ONCE(rec->u.backlog.qlen))
		WRITE_ONCE(rec->u.backlog.qlen, qlen);
	count = rxpath_rec_count(rec, type);
	c = READ_ONCE(*count);
	for (;;) {
		if (c & RXPATH_COUNT_CLOSED || c > RXPATH_COUNT_CLOSED - 1 - n)
			return false;
		prev = cmpxchg(count, c, c + n);
		if (prev == c)
			return true;
		c = prev;
	}
}

/* A record's header, made now on this CPU; its payload zeroed. */
static void rxpath_rec_init(struct rxpath_record *rec, u32 type)
{
	memset(rec, 0, sizeof(*rec));
	rec->abi = RXPATH_ABI_VERSION;
	rec->type = type;
	rec->time_ns = ktime_get_mono_fast_ns();
	rec->cpu = smp_processor_id();
}

/* A record that did not fit in b. */
static void rxpath_events_lose(struct rxpath_rbuf *b)
{
	atomic64_inc(&b->lost);
	atomic64_inc(&b->lost_total);
}

/*
 * The next record of r's buffer for this CPU, header filled and payload
 * zeroed; NULL, counted lost, when the buffer is full. Interrupts off, from
 * here to rxpath_events_commit(). Records lost since the last one that fitted
 * go first, as a LOST record in their place: after every record that came
 * before them, before this one. (The reader takes them itself once it has
 * emptied the buffer, if no record comes first.)
 */
static struct rxpath_record *rxpath_events_reserve(struct rxpath_reader *r,
						   u32 type)
{
	struct rxpath_rbuf *b = r->buf[smp_processor_id()];
	struct rxpath_record *rec;
	/* Pairs with the reader's release of tail: it is done with the slots. */
	u32 used = b->head - smp_load_acquire(&b->tail);
	s64 lost;

	if (unlikely(atomic64_read(&b->lost))) {
		if (used + 2 > r->mask + 1) {
			rxpath_events_lose(b);
			return NULL;
		}
		lost = atomic64_xchg(&b->lost, 0);
		if (lost) {
			rec = &b->rec[b->head & r->mask];
			rxpath_rec_init(rec, RXPATH_REC_LOST);
			rec->u.lost.count = lost;
			/* Nothing before it grows with what comes after. */
			b->open[0].valid = false;
			b->open[1].valid = false;
			/* Pairs with the reader's acquire of head. */
			smp_store_release(&b->head, b->head + 1);
			used++;
		}
	}
	if (used > r->mask) {
		rxpath_events_lose(b);
		return NULL;
	}
	rec = &b->rec[b->head & r->mask];
	rxpath_rec_init(rec, type);
	return rec;
}

/*
 * Publishes the reserved record; a BACKLOG or BACKLOG_DROP one, for cpu's
 * backlog, stays open to grow.
 */
static void rxpath_events_commit(struct rxpath_reader *r, u32 type, u32 cpu)
{
	struct rxpath_rbuf *b = r->buf[smp_processor_id()];

	if (type == RXPATH_REC_BACKLOG || type == RXPATH_REC_BACKLOG_DROP) {
		typeof(b->open[0]) *o = &b->open[type - RXPATH_REC_BACKLOG];

		o->seq = b->head;
		o->cpu = cpu;
		o->valid = true;
	}
	/* Pairs with the reader's acquire of head: the record is whole. */
	smp_store_release(&b->head, b->head + 1);
	irq_work_queue(&r->wake);
}

static bool rxpath_events_wants(struct rxpath_reader *r, u32 type)
{
	return READ_ONCE(r->filter.types) & (1U << type);
}

/*
 * Called with rxpath_readers_lock held, after a reader came, went or
 * changed its filter: budget.c then counts every cycle some reader wants.
 */
static void rxpath_events_cycle_pct_update(void)
{
	struct rxpath_reader *r;
	unsigned int pct = 0;

	lockdep_assert_held(&rxpath_readers_lock);
	list_for_each_entry(r, &rxpath_readers, node)
		if (rxpath_events_wants(r, RXPATH_REC_CYCLE))
			pct = max(pct, READ_ONCE(r->filter.budget_left_pct));
	WRITE_ONCE(rxpath_events_cycle_pct, pct);
	rxpath_budget_light_update();
}

/*
 * Of n refusals by this CPU's backlog that brought the kernel's count to
 * now, those r was open for: its open read the count (refused_base), and
 * the first sample after it may reach back further.
 */
static u32 rxpath_events_refused_since_open(struct rxpath_reader *r, u32 now,
					    u32 n)
{
	struct rxpath_rbuf *b = r->buf[smp_processor_id()];

	if (!b->refused_based)
		return n;
	b->refused_based = false;
	return min(n, now - b->refused_base);
}

/*
 * A packet offered to cpu's backlog, which was qlen long (BACKLOG), or n
 * refused by it (BACKLOG_DROP), which brought the kernel's count of them
 * to now: added to each reader's open record of that type, or a record of
 * its own.
 */
static void rxpath_events_packet(u32 type, unsigned int cpu, unsigned int qlen,
				 u32 n, u32 now)
{
	struct rxpath_reader *r;
	struct rxpath_record *rec;
	unsigned long flags;
	u32 count = n;

	local_irq_save(flags);
	rcu_read_lock();
	list_for_each_entry_rcu(r, &rxpath_readers, node) {
		if (type == RXPATH_REC_BACKLOG_DROP) {
			n = rxpath_events_refused_since_open(r, now, count);
			if (!n)
				continue;
		}
		if (!rxpath_events_wants(r, type) ||
		    (type == RXPATH_REC_BACKLOG &&
		     qlen <= READ_ONCE(r->filter.backlog_qlen)) ||
		    rxpath_events_grow(r, type, cpu, qlen, n))
			continue;
		rec = rxpath_events_reserve(r, type);
		if (!rec)
			continue;
		if (type == RXPATH_REC_BACKLOG) {
			rec->u.backlog.cpu = cpu;
			rec->u.backlog.qlen = qlen;
			rec->u.backlog.limit = max(rxpath_netdev_max_backlog(), 0);
			rec->u.backlog.count = 1;
		} else {
			rec->u.drop.cpu = cpu;
			rec->u.drop.count = n;
		}
		rxpath_events_commit(r, type, cpu);
	}
	rcu_read_unlock();
	local_irq_restore(flags);
}

/* softnet.c's per-packet hook */
void __rxpath_events_backlog(unsigned int cpu, unsigned int qlen)
{
	rxpath_events_packet(RXPATH_REC_BACKLOG, cpu, qlen, 1, 0);
}
EXPORT_SYMBOL_IF_KUNIT(__rxpath_events_backlog);

/* softnet.c's sample: the kernel's count of cpu's refusals is now. */
void __rxpath_events_refused(unsigned int cpu, u32 now, u32 n)
{
	rxpath_events_packet(RXPATH_REC_BACKLOG_DROP, cpu, 0, n, now);
}
EXPORT_SYMBOL_IF_KUNIT(__rxpath_events_refused);

/* A NET_RX cycle ended on this CPU (napi.c). */
void __rxpath_events_cycle(int budget, u64 work, enum rxpath_cycle_end end,
			   unsigned int usecs, bool timed)
{
	unsigned int left = rxpath_budget_left_pct(work, budget);
	struct rxpath_reader *r;
	struct rxpath_record *rec;
	unsigned long flags;

	/* The module's enum is the ABI's, value for value. */
	BUILD_BUG_ON((int)RXPATH_CYCLE_DRAINED != (int)RXPATH_END_DRAINED ||
		     (int)RXPATH_CYCLE_BUDGET != (int)RXPATH_END_BUDGET ||
		     (int)RXPATH_CYCLE_TIME != (int)RXPATH_END_TIME);

	local_irq_save(flags);
	rcu_read_lock();
	list_for_each_entry_rcu(r, &rxpath_readers, node) {
		if (!rxpath_events_wants(r, RXPATH_REC_CYCLE) ||
		    left >= READ_ONCE(r->filter.budget_left_pct))
			continue;
		rec = rxpath_events_reserve(r, RXPATH_REC_CYCLE);
		if (!rec)
			continue;
		rec->u.cycle.budget = max(budget, 0);
		rec->u.cycle.work = min_t(u64, work, U32_MAX);
		rec->u.cycle.left_pct = left;
		rec->u.cycle.end = end;
		rec->u.cycle.usecs = timed ? usecs : 0;
		rec->u.cycle.flags = timed ? RXPATH_CYCLE_TIMED : 0;
		rxpath_events_commit(r, RXPATH_REC_CYCLE, 0);
	}
	rcu_read_unlock();
	local_irq_restore(flags);
}
EXPORT_SYMBOL_IF_KUNIT(__rxpath_events_cycle);

/* A ring seen full while its NIC dropped (rings.c, process context). */
void __rxpath_events_ring(const struct rxpath_rec_ring *ring)
{
	struct rxpath_reader *r;
	struct rxpath_record *rec;
	unsigned long flags;

	local_irq_save(flags);
	rcu_read_lock();
	list_for_each_entry_rcu(r, &rxpath_readers, node) {
		if (!rxpath_events_wants(r, RXPATH_REC_RING_FULL))
			continue;
		rec = rxpath_events_reserve(r, RXPATH_REC_RING_FULL);
		if (!rec)
			continue;
		rec->u.ring = *ring;
		rxpath_events_commit(r, RXPATH_REC_RING_FULL, 0);
	}
	rcu_read_unlock();
	local_irq_restore(flags);
}
EXPORT_SYMBOL_IF_KUNIT(__rxpath_events_ring);

/* Every summary_ms: one SUMMARY record per online CPU, for one reader. */
static void rxpath_events_summary(struct work_struct *work)
{
	struct rxpath_reader *r = container_of(to_delayed_work(work),
					       struct rxpath_reader, summary);
	unsigned int cpu, ms = READ_ONCE(r->filter.summary_ms);
	struct rxpath_rec_summary s;
	struct rxpath_record *rec;
	unsigned long flags;

	if (!ms || !rxpath_events_wants(r, RXPATH_REC_SUMMARY))
		return;
	for_each_online_cpu(cpu) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);

		s = (struct rxpath_rec_summary) {
			.processed = rxpath_sd_processed(sd),
			.dropped = rxpath_sd_dropped(sd),
			.time_squeeze = rxpath_sd_time_squeeze(sd),
			.received_rps = rxpath_sd_received_rps(sd),
			.flow_limit = rxpath_softnet_flow_limit(sd),
			.input_qlen = skb_queue_len_lockless(&sd->input_pkt_queue),
			.backlog_max = rxpath_softnet_backlog_max(cpu),
		};
		local_irq_save(flags);
		rec = rxpath_events_reserve(r, RXPATH_REC_SUMMARY);
		if (rec) {
			/* The CPU summarized, not the one that wrote it. */
			rec->cpu = cpu;
			rec->u.summary = s;
			rxpath_events_commit(r, RXPATH_REC_SUMMARY, 0);
		}
		local_irq_restore(flags);
	}
	schedule_delayed_work(&r->summary, msecs_to_jiffies(ms));
}

static void rxpath_events_wake(struct irq_work *w)
{
	struct rxpath_reader *r = container_of(w, struct rxpath_reader, wake);

	wake_up_interruptible(&r->wait);
}

/* ---- the reader --------------------------------------------------------- */

static bool rxpath_events_ready(struct rxpath_reader *r)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct rxpath_rbuf *b = r->buf[cpu];

		/* Pairs with the producer's release of head. */
		if (READ_ONCE(b->tail) != smp_load_acquire(&b->head) ||
		    atomic64_read(&b->lost))
			return true;
	}
	return false;
}

/*
 * Copies the oldest record of b to rec without consuming it; false when b
 * is empty. A record that may grow is closed first: its count is
 * exchanged for the closed mark and written back with it, so that no
 * producer adds to it again and a second look finds the same count.
 */
static bool rxpath_events_peek(struct rxpath_reader *r, struct rxpath_rbuf *b,
			       struct rxpath_record *rec)
{
	struct rxpath_record *src;
	u32 *count, c = 0;

	/* Pairs with the producer's release of head. */
	if (b->tail == smp_load_acquire(&b->head))
		return false;
	src = &b->rec[b->tail & r->mask];
	count = rxpath_rec_count(src, src->type);
	if (count) {
		c = xchg(count, RXPATH_COUNT_CLOSED) & ~RXPATH_COUNT_CLOSED;
		WRITE_ONCE(*count, c | RXPATH_COUNT_CLOSED);
	}
	memcpy(rec, src, sizeof(*rec));
	if (count)
		*rxpath_rec_count(rec, rec->type) = c;
	return true;
}

/* Where drained records go: a user buffer (read()), or a kernel one (KUnit). */
struct rxpath_sink {
	char __user *ubuf;
	struct rxpath_record *kbuf;
	size_t max;
	size_t n;
};

static int rxpath_sink_put(struct rxpath_sink *to, const struct rxpath_record *rec)
{
	if (to->kbuf)
		to->kbuf[to->n] = *rec;
	else if (copy_to_user(to->ubuf + to->n * sizeof(*rec), rec, sizeof(*rec)))
		return -EFAULT;
	to->n++;
	return 0;
}

/* At most this many records of one CPU's buffer before the next CPU's. */
#define RXPATH_DRAIN_BATCH	32

/*
 * Up to batch records of cpu's buffer into the sink, in order; once the
 * buffer is empty, the records lost since its last one (as a LOST record).
 * *more: records are left.
 */
static int rxpath_events_drain_cpu(struct rxpath_reader *r, unsigned int cpu,
				   struct rxpath_sink *to, unsigned int batch,
				   bool *more)
{
	struct rxpath_rbuf *b = r->buf[cpu];
	struct rxpath_record rec;
	s64 lost;

	*more = false;
	for (; batch && to->n < to->max; batch--) {
		if (!rxpath_events_peek(r, b, &rec))
			break;
		if (rxpath_sink_put(to, &rec))
			return -EFAULT;
		/* Pairs with the producer's acquire of tail. */
		smp_store_release(&b->tail, b->tail + 1);
	}
	/* Pairs with the producer's release of head. */
	if (b->tail != smp_load_acquire(&b->head)) {
		*more = true;
		return 0;
	}
	if (to->n == to->max || !atomic64_read(&b->lost))
		return 0;
	lost = atomic64_xchg(&b->lost, 0);
	if (!lost)
		return 0;
	rxpath_rec_init(&rec, RXPATH_REC_LOST);
	rec.cpu = cpu;
	rec.u.lost.count = lost;
	if (rxpath_sink_put(to, &rec)) {
		atomic64_add(lost, &b->lost);
		return -EFAULT;
	}
	return 0;
}

/*
 * Moves records to the sink until it is full or every buffer is empty: a
 * batch from each CPU in turn, starting after the CPU the last drain
 * stopped at, so that no CPU's records wait behind a busier one's. A
 * record is consumed only once it is in the sink. Under r->lock.
 */
static int rxpath_events_drain(struct rxpath_reader *r, struct rxpath_sink *to)
{
	unsigned int cpu = r->next_cpu, k;
	bool more, again;
	int err;

	do {
		again = false;
		for (k = 0; k < nr_cpu_ids && to->n < to->max; k++) {
			cpu = (r->next_cpu + k) % nr_cpu_ids;
			if (!cpu_possible(cpu))
				continue;
			err = rxpath_events_drain_cpu(r, cpu, to, RXPATH_DRAIN_BATCH,
						      &more);
			if (err)
				return err;
			again |= more;
		}
		r->next_cpu = (cpu + 1) % nr_cpu_ids;
	} while (again && to->n < to->max);
	return 0;
}

static ssize_t rxpath_events_read(struct file *file, char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	struct rxpath_reader *r = file->private_data;
	struct rxpath_sink to = {
		.ubuf = ubuf,
		.max = len / sizeof(struct rxpath_record),
	};
	int err;

	if (!to.max) {
		pr_warn_ratelimited("read: %zu bytes is less than one record (%zu)\n",
				    len, sizeof(struct rxpath_record));
		return -EINVAL;
	}
	if (mutex_lock_interruptible(&r->lock))
		return -ERESTARTSYS;
	err = rxpath_reader_join(r);
	if (err) {
		mutex_unlock(&r->lock);
		return err;
	}
	for (;;) {
		err = rxpath_events_drain(r, &to);
		if (to.n || err)
			break;
		if (file->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		mutex_unlock(&r->lock);
		err = wait_event_interruptible(r->wait, rxpath_events_ready(r));
		if (err)
			return err;
		if (mutex_lock_interruptible(&r->lock))
			return -ERESTARTSYS;
	}
	r->records += to.n;
	mutex_unlock(&r->lock);
	return to.n ? to.n * sizeof(struct rxpath_record) : err;
}

static __poll_t rxpath_events_poll(struct file *file, poll_table *pt)
{
	struct rxpath_reader *r = file->private_data;
	int err;

	/* Pairs with rxpath_reader_join()'s release: its buffers, then joined. */
	if (!smp_load_acquire(&r->joined)) {
		if (mutex_lock_interruptible(&r->lock))
			return EPOLLERR;
		err = rxpath_reader_join(r);
		mutex_unlock(&r->lock);
		if (err)
			return EPOLLERR;
	}
	poll_wait(file, &r->wait, pt);
	return rxpath_events_ready(r) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int rxpath_events_set_filter(struct rxpath_reader *r,
				    const struct rxpath_filter *f)
{
	int err;

	if (f->types & ~RXPATH_TYPES_SETTABLE) {
		pr_warn_ratelimited("RXPATH_IOC_SET_FILTER: types 0x%x has bits of no record type (0x%x)\n",
				    f->types, f->types & ~RXPATH_TYPES_SETTABLE);
		return -EINVAL;
	}
	if (f->budget_left_pct > 100) {
		pr_warn_ratelimited("RXPATH_IOC_SET_FILTER: budget_left_pct %u is above 100\n",
				    f->budget_left_pct);
		return -EINVAL;
	}
	if (f->summary_ms && (f->summary_ms < RXPATH_FILTER_MIN_SUMMARY_MS ||
			      f->summary_ms > 3600 * MSEC_PER_SEC)) {
		pr_warn_ratelimited("RXPATH_IOC_SET_FILTER: summary_ms %u is not 0 or from %u to 3600000\n",
				    f->summary_ms, RXPATH_FILTER_MIN_SUMMARY_MS);
		return -EINVAL;
	}
	err = rxpath_reader_join(r);
	if (err)
		return err;
	cancel_delayed_work_sync(&r->summary);
	WRITE_ONCE(r->filter.types, f->types);
	WRITE_ONCE(r->filter.backlog_qlen, f->backlog_qlen);
	WRITE_ONCE(r->filter.budget_left_pct, f->budget_left_pct);
	WRITE_ONCE(r->filter.summary_ms, f->summary_ms);
	mutex_lock(&rxpath_readers_lock);
	rxpath_events_cycle_pct_update();
	mutex_unlock(&rxpath_readers_lock);
	if (f->summary_ms && (f->types & (1U << RXPATH_REC_SUMMARY)))
		schedule_delayed_work(&r->summary, 0);
	return 0;
}

/* A name of a debugfs file from an ioctl: NUL-terminated in its field. */
static int rxpath_chardev_name(const char *ioc, const char *name, size_t size)
{
	if (strnlen(name, size) == size) {
		pr_warn_ratelimited("%s: name is not NUL-terminated within %zu bytes\n",
				    ioc, size);
		return -EINVAL;
	}
	return 0;
}

/* RXPATH_IOC_TABLE: a file's text, as debugfs would give it. */
static long rxpath_chardev_table(struct rxpath_table_req __user *ureq)
{
	struct rxpath_table_req req;
	ssize_t n;
	char *buf;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (rxpath_chardev_name("RXPATH_IOC_TABLE", req.name, sizeof(req.name)))
		return -EINVAL;
	if (!req.size || req.size > RXPATH_TABLE_MAX) {
		pr_warn_ratelimited("RXPATH_IOC_TABLE: size %u is not 1 to %u\n",
				    req.size, RXPATH_TABLE_MAX);
		return -EINVAL;
	}
	buf = kvmalloc(req.size, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	n = rxpath_file_text(req.name, buf, req.size);
	if (n == -ENOENT)
		pr_warn_ratelimited("RXPATH_IOC_TABLE: no file '%*pE'\n",
				    (int)strlen(req.name), req.name);
	if (n >= 0 && (copy_to_user(u64_to_user_ptr(req.buf), buf, n) ||
		       put_user((__u32)n, &ureq->len)))
		n = -EFAULT;
	kvfree(buf);
	return n < 0 ? n : 0;
}

/* RXPATH_IOC_CONTROL: a write to a control file, as debugfs would take it. */
static long rxpath_chardev_control(struct rxpath_control __user *uctl)
{
	struct rxpath_control ctl;
	int err;

	if (!capable(CAP_SYS_ADMIN)) {
		pr_warn_ratelimited("RXPATH_IOC_CONTROL: needs CAP_SYS_ADMIN\n");
		return -EPERM;
	}
	if (copy_from_user(&ctl, uctl, sizeof(ctl)))
		return -EFAULT;
	if (rxpath_chardev_name("RXPATH_IOC_CONTROL", ctl.name, sizeof(ctl.name)))
		return -EINVAL;
	if (ctl.pad) {
		pr_warn_ratelimited("RXPATH_IOC_CONTROL: pad is not 0\n");
		return -EINVAL;
	}
	err = rxpath_file_control(ctl.name, u64_to_user_ptr(ctl.word), ctl.len);
	if (err == -ENOENT)
		pr_warn_ratelimited("RXPATH_IOC_CONTROL: no file '%*pE'\n",
				    (int)strlen(ctl.name), ctl.name);
	return err;
}

static long rxpath_chardev_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	struct rxpath_reader *r = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct rxpath_reader_stats st;
	struct rxpath_filter f;
	unsigned int cpu;
	long err = 0;

	switch (cmd) {
	case RXPATH_IOC_ABI_VERSION:
		return put_user((__u32)RXPATH_ABI_VERSION, (__u32 __user *)uarg);
	case RXPATH_IOC_TABLE:
		return rxpath_chardev_table(uarg);
	case RXPATH_IOC_CONTROL:
		return rxpath_chardev_control(uarg);
	case RXPATH_IOC_SET_FILTER:
		/* Copied before the lock, which poll() may wait for. */
		if (copy_from_user(&f, uarg, sizeof(f)))
			return -EFAULT;
		break;
	case RXPATH_IOC_GET_FILTER:
	case RXPATH_IOC_GET_STATS:
		break;
	default:
		return -ENOTTY;
	}
	if (mutex_lock_interruptible(&r->lock))
		return -ERESTARTSYS;
	switch (cmd) {
	case RXPATH_IOC_GET_FILTER:
		if (copy_to_user(uarg, &r->filter, sizeof(r->filter)))
			err = -EFAULT;
		break;
	case RXPATH_IOC_SET_FILTER:
		err = rxpath_events_set_filter(r, &f);
		break;
	case RXPATH_IOC_GET_STATS:
		st.records = r->records;
		st.lost = 0;
		if (r->joined)
			for_each_possible_cpu(cpu)
				st.lost += atomic64_read(&r->buf[cpu]->lost_total);
		if (copy_to_user(uarg, &st, sizeof(st)))
			err = -EFAULT;
		break;
	}
	mutex_unlock(&r->lock);
	return err;
}

static void rxpath_reader_free_bufs(struct rxpath_reader *r)
{
	unsigned int cpu;

	if (r->buf)
		for_each_possible_cpu(cpu)
			kvfree(r->buf[cpu]);
	kfree(r->buf);
	r->buf = NULL;
}

static void rxpath_reader_free(struct rxpath_reader *r)
{
	rxpath_reader_free_bufs(r);
	kfree(r);
}

/* A file description's state with the default filter: not yet a reader. */
static struct rxpath_reader *rxpath_reader_alloc(void)
{
	struct rxpath_reader *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	r->mask = buffer_records - 1;
	r->filter = (struct rxpath_filter) {
		.types = RXPATH_FILTER_DEFAULT_TYPES,
		.backlog_qlen = RXPATH_FILTER_DEFAULT_BACKLOG_QLEN,
		.budget_left_pct = RXPATH_FILTER_DEFAULT_BUDGET_LEFT_PCT,
	};
	init_waitqueue_head(&r->wait);
	init_irq_work(&r->wake, rxpath_events_wake);
	mutex_init(&r->lock);
	INIT_DELAYED_WORK(&r->summary, rxpath_events_summary);
	return r;
}

/*
 * Makes r a reader of the stream, once: its buffers, and r on the list,
 * where producers see it. Under r->lock (or before r is shared). -ENOMEM,
 * or -EBUSY when RXPATH_DEV_MAX_READERS already read.
 */
static int rxpath_reader_join(struct rxpath_reader *r)
{
	unsigned int cpu;

	if (r->joined)
		return 0;
	/* Full already: refused before the buffers are made (and made again). */
	if (READ_ONCE(rxpath_nreaders) >= RXPATH_DEV_MAX_READERS)
		goto busy;
	r->buf = kcalloc(nr_cpu_ids, sizeof(*r->buf), GFP_KERNEL_ACCOUNT);
	if (!r->buf)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		r->buf[cpu] = kvzalloc_node(struct_size(r->buf[cpu], rec, buffer_records),
					    GFP_KERNEL_ACCOUNT, cpu_to_node(cpu));
		if (!r->buf[cpu])
			goto err_free;
		/* Published to producers with r, by list_add_tail_rcu(). */
		r->buf[cpu]->refused_base = rxpath_sd_dropped(&per_cpu(softnet_data, cpu));
		r->buf[cpu]->refused_based = true;
	}
	mutex_lock(&rxpath_readers_lock);
	if (rxpath_nreaders == RXPATH_DEV_MAX_READERS) {
		mutex_unlock(&rxpath_readers_lock);
		rxpath_reader_free_bufs(r);
		goto busy;
	}
	WRITE_ONCE(rxpath_nreaders, rxpath_nreaders + 1);
	list_add_tail_rcu(&r->node, &rxpath_readers);
	rxpath_events_cycle_pct_update();
	mutex_unlock(&rxpath_readers_lock);
	static_branch_inc(&rxpath_events_on);
	/* Pairs with rxpath_events_poll()'s acquire. */
	smp_store_release(&r->joined, true);
	return 0;

err_free:
	rxpath_reader_free_bufs(r);
	return -ENOMEM;
busy:
	pr_warn_ratelimited("/dev/rxpath: %u readers already: no more\n",
			    RXPATH_DEV_MAX_READERS);
	return -EBUSY;
}

#if IS_ENABLED(CONFIG_KUNIT)
/* A new reader with the default filter, on the list: producers see it. */
struct rxpath_reader *rxpath_reader_open(void)
{
	struct rxpath_reader *r = rxpath_reader_alloc();
	int err;

	if (!r)
		return ERR_PTR(-ENOMEM);
	err = rxpath_reader_join(r);
	if (err) {
		rxpath_reader_free(r);
		return ERR_PTR(err);
	}
	return r;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_reader_open);
#endif

VISIBLE_IF_KUNIT void rxpath_reader_close(struct rxpath_reader *r)
{
	if (r->joined) {
		static_branch_dec(&rxpath_events_on);
		mutex_lock(&rxpath_readers_lock);
		list_del_rcu(&r->node);
		WRITE_ONCE(rxpath_nreaders, rxpath_nreaders - 1);
		rxpath_events_cycle_pct_update();
		mutex_unlock(&rxpath_readers_lock);
	}
	cancel_delayed_work_sync(&r->summary);
	/* No producer still holds r, nor will queue its wake-up again. */
	if (r->joined)
		synchronize_rcu();
	irq_work_sync(&r->wake);
	rxpath_reader_free(r);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_reader_close);

#if IS_ENABLED(CONFIG_KUNIT)
/* Up to max of r's records into buf, as read() would give them. */
size_t rxpath_reader_take(struct rxpath_reader *r,
			  struct rxpath_record *buf, size_t max)
{
	struct rxpath_sink to = { .kbuf = buf, .max = max };

	mutex_lock(&r->lock);
	rxpath_events_drain(r, &to);
	r->records += to.n;
	mutex_unlock(&r->lock);
	return to.n;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_reader_take);
#endif

static int rxpath_chardev_open(struct inode *inode, struct file *file)
{
	struct rxpath_reader *r = rxpath_reader_alloc();

	if (!r)
		return -ENOMEM;
	file->private_data = r;
	return nonseekable_open(inode, file);
}

static int rxpath_chardev_release(struct inode *inode, struct file *file)
{
	rxpath_reader_close(file->private_data);
	return 0;
}

static const struct file_operations rxpath_chardev_fops = {
	.owner = THIS_MODULE,
	.open = rxpath_chardev_open,
	.release = rxpath_chardev_release,
	.read = rxpath_events_read,
	.poll = rxpath_events_poll,
	.unlocked_ioctl = rxpath_chardev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice rxpath_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "rxpath",
	.fops = &rxpath_chardev_fops,
	.mode = 0600,
};

static bool rxpath_chardev_registered;

static void rxpath_chardev_init(void)
{
	int err = misc_register(&rxpath_miscdev);

	if (err)
		pr_warn("/dev/rxpath not registered (%pe): the event stream is off\n",
			ERR_PTR(err));
	rxpath_chardev_registered = !err;
}

static void rxpath_chardev_exit(void)
{
	if (rxpath_chardev_registered)
		misc_deregister(&rxpath_miscdev);
}

static void rxpath_chardev_show_status(struct seq_file *m)
{
	if (!rxpath_chardev_registered) {
		seq_puts(m, "dev not registered\n");
		return;
	}
	mutex_lock(&rxpath_readers_lock);
	seq_printf(m, "dev /dev/%s readers %u buffer_records %u\n",
		   rxpath_miscdev.name, rxpath_nreaders, buffer_records);
	mutex_unlock(&rxpath_readers_lock);
}

/* Its entry point is the device: made after every file, gone before them. */
const struct rxpath_concern rxpath_events_concern = {
	.name = "events",
	.files = rxpath_chardev_init,
	.files_exit = rxpath_chardev_exit,
	.show_status = rxpath_chardev_show_status,
};
