// SPDX-License-Identifier: GPL-2.0
/*
 * Driver RX rings: the rings table, and missed_while_full, the NIC's drops
 * for want of a descriptor while a ring was full. The rows of the drivers
 * rxpath knows are in ring_drivers.c, their resolution from BTF in
 * ring_resolve.c, what the probes read after each poll in ring_poll.c.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/workqueue.h>
#include "compat.h"
#include "rxpath.h"
#include "rings.h"
#include "events.h"
#include "napi.h"

/* ---- missed_while_full -------------------------------------------------- */

/*
 * The condition of the systemtap probe on ixgbe_update_stats: the NIC dropped
 * for want of a descriptor (the row's drop counter, per device) and the ring
 * was full. Once a second, and at each read of rings, every ring row of a
 * driver with a full-ring test takes a step of rxpath_ring_missed_step: the
 * drops since the last step count for the ring when one of its polls since
 * then found it full. Process context only, under rxpath_missed_lock.
 */
struct rxpath_missed_ent {
	const struct napi_struct *napi;	/* never dereferenced */
	unsigned int napi_id;
	unsigned int ring;
	bool seen;
	struct rxpath_ring_missed m;
	u64 drops;
};

/*
 * A ring row's drops for want of a descriptor, as its driver counts them,
 * after dev_get_stats() gave st (which refreshes a per-queue counter).
 * Process context; napi is live (on its device's list, under RCU).
 */
bool rxpath_rings_drops(int driver, const struct napi_struct *napi,
			const struct rtnl_link_stats64 *st, u64 *drops)
{
	const struct rxpath_ring_driver *d;
	const void *container, *dev, *queues;
	u64 queue = 0;

	if (driver < 0 || driver >= rxpath_ring_ndrivers)
		return false;
	d = &rxpath_ring_drivers[driver];
	/* Pairs with the release in rxpath_ring_resolve_btf. */
	if (!smp_load_acquire(&d->ready) || !d->done.kind ||
	    d->drops == RXPATH_DROPS_NONE)
		return false;
	if (d->drops == RXPATH_DROPS_MISSED) {
		*drops = st->rx_missed_errors + st->rx_fifo_errors + st->rx_over_errors;
		return true;
	}
	container = (const void *)napi - d->napi_m.offset;
	dev = rxpath_ring_get_ptr(container, &d->qdev_m);
	queues = dev ? rxpath_ring_get_ptr(dev, &d->qarray_m) : NULL;
	if (!queues ||
	    !rxpath_ring_field(d, RXPATH_RF_QUEUE, container, NULL, &queue) ||
	    queue > U16_MAX)
		return false;
	return rxpath_ring_get(queues + queue * d->qsize, &d->qcount_m, drops);
}

#define RXPATH_MISSED_MAX	256

static DEFINE_MUTEX(rxpath_missed_lock);
static struct rxpath_missed_ent rxpath_missed[RXPATH_MISSED_MAX];
static unsigned int rxpath_missed_n;
static struct delayed_work rxpath_missed_dwork;
/* Seconds the worker had no memory for the NAPI rows: a read skipped. */
static unsigned long rxpath_missed_skipped;

static struct rxpath_missed_ent *
rxpath_missed_find(const struct rxpath_napi_row *r, unsigned int ring)
{
	unsigned int i;

	for (i = 0; i < rxpath_missed_n; i++) {
		struct rxpath_missed_ent *e = &rxpath_missed[i];

		if (e->napi == r->napi && e->napi_id == r->napi_id &&
		    e->ring == ring)
			return e;
	}
	return NULL;
}

/* Tells the event stream's readers (chardev.c). */
static void rxpath_missed_event(const struct rxpath_napi_row *r,
				const struct rxpath_ring_state *rs, u64 drops)
{
	struct rxpath_rec_ring ring = {
		.ifindex = r->ifindex,
		.queue = rs->queue,
		.ntu = rs->ntu,
		.ntc = rs->ntc,
		.count = rs->count,
		.missed = r->missed,
		.drops = drops,
	};

	if (static_branch_unlikely(&rxpath_events_on))
		__rxpath_events_ring(&ring);
}

/* One step for every ring row; rings gone are forgotten. */
static void rxpath_missed_step_rows(const struct rxpath_napi_rows *rows)
{
	struct rxpath_missed_ent *e;
	unsigned int i, j, n;
	u64 drops;

	lockdep_assert_held(&rxpath_missed_lock);
	for (i = 0; i < rxpath_missed_n; i++)
		rxpath_missed[i].seen = false;
	for (i = 0; i < rows->n; i++) {
		const struct rxpath_napi_row *r = &rows->row[i];

		if (!r->missed_ok)
			continue;
		for (j = 0; j < RXPATH_RINGS_PER_NAPI; j++) {
			const struct rxpath_ring_state *rs = &r->rings.ring[j];

			if (!rs->stamp)
				continue;
			e = rxpath_missed_find(r, j);
			if (!e) {
				if (rxpath_missed_n == RXPATH_MISSED_MAX)
					continue;
				e = &rxpath_missed[rxpath_missed_n++];
				memset(e, 0, sizeof(*e));
				e->napi = r->napi;
				e->napi_id = r->napi_id;
				e->ring = j;
			}
			e->seen = true;
			drops = rxpath_ring_missed_step(&e->m, r->missed,
							rs->full_events);
			if (drops) {
				e->drops += drops;
				rxpath_missed_event(r, rs, drops);
			}
		}
	}
	for (i = 0, n = 0; i < rxpath_missed_n; i++)
		if (rxpath_missed[i].seen)
			rxpath_missed[n++] = rxpath_missed[i];
	rxpath_missed_n = n;
}

/* Whether some driver is resolved: no ring can be shown otherwise. */
static bool rxpath_rings_any_ready(void)
{
	unsigned int i;

	for (i = 0; i < rxpath_ring_ndrivers; i++)
		if (READ_ONCE(rxpath_ring_drivers[i].ready))
			return true;
	return false;
}

static void rxpath_missed_work(struct work_struct *work)
{
	struct rxpath_napi_rows rows;

	if (!rxpath_rings_any_ready())
		goto again;
	if (rxpath_napi_rows_get(&rows)) {
		/* The next second's reading covers both: counted, not lost. */
		WRITE_ONCE(rxpath_missed_skipped, rxpath_missed_skipped + 1);
		goto again;
	}
	mutex_lock(&rxpath_missed_lock);
	rxpath_missed_step_rows(&rows);
	mutex_unlock(&rxpath_missed_lock);
	rxpath_napi_rows_put(&rows);
again:
	schedule_delayed_work(&rxpath_missed_dwork, HZ);
}

/* What status says of the worker: only what went wrong. */
static void rxpath_missed_show_status(struct seq_file *m)
{
	unsigned long n = READ_ONCE(rxpath_missed_skipped);

	if (n)
		seq_printf(m, "missed_while_full_worker skipped %lu (no memory for the NAPI rows: each such second's full rings and drops were read with the next)\n",
			   n);
}

static void rxpath_rings_reset(void)
{
	mutex_lock(&rxpath_missed_lock);
	rxpath_missed_n = 0;
	mutex_unlock(&rxpath_missed_lock);
}

/* ---- the rings table ---------------------------------------------------- */

static void rxpath_ring_show_u32(struct seq_file *m, u32 v)
{
	if (v == RXPATH_RING_UNKNOWN)
		seq_puts(m, " -");
	else
		seq_printf(m, " %u", v);
}

static int rxpath_rings_show(struct seq_file *m, void *v)
{
	const struct rxpath_missed_ent *e;
	struct rxpath_napi_rows rows;
	unsigned int i, j;
	int err;

	seq_puts(m, "dev driver queue count next_to_use next_to_clean unused pending min_unused max_pending polls full_polls full_ring_events missed_while_full\n");
	err = rxpath_napi_rows_get(&rows);
	if (err)
		return err;
	mutex_lock(&rxpath_missed_lock);
	rxpath_missed_step_rows(&rows);
	for (i = 0; i < rows.n; i++) {
		const struct rxpath_napi_row *r = &rows.row[i];

		if (r->rings.driver < 0 || !r->rings.gen)
			continue;
		for (j = 0; j < RXPATH_RINGS_PER_NAPI; j++) {
			const struct rxpath_ring_state *rs = &r->rings.ring[j];

			if (!rs->stamp)
				continue;
			seq_printf(m, "%s %s %u %u", r->dev,
				   rxpath_ring_drivers[r->rings.driver].name,
				   rs->queue, rs->count);
			rxpath_ring_show_u32(m, rs->ntu);
			rxpath_ring_show_u32(m, rs->ntc);
			seq_printf(m, " %u", rs->unused);
			rxpath_ring_show_u32(m, rs->pending);
			rxpath_ring_show_u32(m, rs->min_unused);
			rxpath_ring_show_u32(m, rs->max_pending);
			seq_printf(m, " %llu %llu", rs->polls, rs->full_polls);
			if (rs->pending == RXPATH_RING_UNKNOWN)
				seq_puts(m, " -");
			else
				seq_printf(m, " %llu", rs->full_events);
			e = r->missed_ok ? rxpath_missed_find(r, j) : NULL;
			if (e)
				seq_printf(m, " %llu\n", e->drops);
			else
				seq_puts(m, " -\n");
		}
	}
	mutex_unlock(&rxpath_missed_lock);
	rxpath_napi_rows_put(&rows);
	return 0;
}

static const struct rxpath_file rxpath_rings_file = {
	.show = rxpath_rings_show,
};

static void rxpath_rings_files(void)
{
	rxpath_file_add("rings", &rxpath_rings_file);
}

/* ---- init / exit ------------------------------------------------------- */

static int rxpath_rings_init(void)
{
	int err;

	err = rxpath_rings_resolve_init();
	if (err)
		return err;
	INIT_DELAYED_WORK(&rxpath_missed_dwork, rxpath_missed_work);
	schedule_delayed_work(&rxpath_missed_dwork, HZ);
	return 0;
}

static void rxpath_rings_exit(void)
{
	cancel_delayed_work_sync(&rxpath_missed_dwork);
	rxpath_rings_resolve_exit();
}

/* The drivers' rings (ring_resolve.c), then the worker's troubles. */
static void rxpath_rings_status(struct seq_file *m)
{
	rxpath_rings_resolve_status(m);
	rxpath_missed_show_status(m);
}

const struct rxpath_concern rxpath_rings_concern = {
	.name = "rings",
	.init = rxpath_rings_init,
	.exit = rxpath_rings_exit,
	.files = rxpath_rings_files,
	.show_status = rxpath_rings_status,
	.reset = rxpath_rings_reset,
};
