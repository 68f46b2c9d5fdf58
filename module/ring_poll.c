// SPDX-License-Identifier: GPL-2.0
/*
 * Probe context: the RX rings of a resolved driver's NAPI, read after each
 * of its polls (rxpath_rings_poll, from the napi:napi_poll probe): from the
 * napi_struct to the driver's container, its RX ring and the ring's
 * indices. Nothing is read per packet, nothing locked or allocated. The
 * ring struct outlives its NAPI's polls, but a resize may rewrite it under
 * a poll that used less than its weight, so its members are read with
 * copy_from_kernel_nofault and the indices are used only when they fit
 * count. Descriptor memory, freed without RCU when a queue is torn down,
 * is read only after a poll that used its whole weight: the core still
 * owns the NAPI then, and no napi_disable can pass.
 *
 * pending, the descriptors the NIC completed and the driver has not yet
 * cleaned, is a binary search from next_to_clean for the first descriptor
 * not done (the NIC completes in order): about log2(count) descriptor
 * reads, for the drivers whose done test the row names.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/sched/clock.h>
#include <linux/netdevice.h>
#include "compat.h"
#include "rxpath.h"
#include "rings.h"

/*
 * Where to look for written-back descriptors: n descriptors of size bytes
 * from desc, read from index next on; the test of the row's done.
 */
struct rxpath_ring_scan {
	const struct rxpath_ring_done *dn;
	const u8 *desc;
	u32 n;
	u32 next;
	u32 size;
	bool gen;
};

/*
 * How many of the first max descriptors from next on are done: the NIC
 * completes in order, so a binary search finds the first one not done,
 * in about log2(max) reads. Inlined for each layout of the done test (its
 * width, bits or generation), so that a read is a load and a test.
 */
static __always_inline u32 rxpath_ring_scan_as(const struct rxpath_ring_scan *sc,
					       u32 max, unsigned int width,
					       bool gen)
{
	const u8 *base = sc->desc + sc->dn->offset;
	u32 lo = 0, hi = max, n = sc->n, next = sc->next, size = sc->size;
	u16 mask = sc->dn->mask;
	bool flip = sc->gen;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		/* rxpath_ring_next(); the generation flips past the ring's end */
		bool wrapped = next >= n - mid;
		const u8 *p = base + (size_t)(wrapped ? next - (n - mid) : next + mid) * size;
		bool set;

		if (width == 1)
			set = READ_ONCE(*p) & mask;
		else
			set = le16_to_cpu(READ_ONCE(*(const __le16 *)p)) & mask;
		if (gen)
			set = set == (flip ^ wrapped);
		if (set)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static u32 rxpath_ring_scan_done(const struct rxpath_ring_scan *sc, u32 max)
{
	bool gen = sc->dn->kind == RXPATH_DONE_GEN;

	if (sc->dn->width == 1)
		return gen ? rxpath_ring_scan_as(sc, max, 1, true) :
			     rxpath_ring_scan_as(sc, max, 1, false);
	return gen ? rxpath_ring_scan_as(sc, max, 2, true) :
		     rxpath_ring_scan_as(sc, max, 2, false);
}

/*
 * Pending: the descriptors done from ntc on, among the armed ones the NIC
 * holds, where the done test is in the RX ring's own descriptors; or the
 * completions written and not yet taken, from the completion ring's next
 * on (at most one per armed descriptor). Only after a full-weight poll
 * (see the top of this file), so with plain reads (rxpath_ring_read).
 */
static u32 rxpath_ring_pending(const struct rxpath_ring_driver *d,
			       const void *container, const void *ring,
			       u32 count, u32 ntc, u32 armed)
{
	struct rxpath_ring_scan sc = { .dn = &d->done, .size = d->done.size };
	u64 size, next, gen, wide;

	if (d->done.kind == RXPATH_DONE_GEN) {
		sc.desc = rxpath_ring_read_ptr(container, &d->field_m[RXPATH_RF_CQ], true);
		if (!sc.desc ||
		    !rxpath_ring_read(container, &d->field_m[RXPATH_RF_CQ_SIZE], &size, true) ||
		    !rxpath_ring_read(container, &d->field_m[RXPATH_RF_CQ_NEXT], &next, true) ||
		    !rxpath_ring_read(container, &d->field_m[RXPATH_RF_CQ_GEN], &gen, true) ||
		    size > U16_MAX + 1 || !rxpath_ring_indices_ok(size, next, next))
			return RXPATH_RING_UNKNOWN;
		sc.n = size;
		sc.next = next;
		sc.gen = gen & 1;
		return rxpath_ring_scan_done(&sc, min_t(u32, armed, size));
	}
	sc.desc = rxpath_ring_read_ptr(ring, &d->field_m[RXPATH_RF_DESC], true);
	if (d->done.wide) {
		if (!rxpath_ring_read(container, &d->wide_m, &wide, true))
			return RXPATH_RING_UNKNOWN;
		if (wide)
			sc.size *= 2;
	}
	/*
	 * The area holds count descriptors at least: e1000e sizes it for its
	 * 32-byte format whichever it uses, rounded up to a page.
	 */
	if (!sc.desc || !rxpath_ring_read(ring, &d->field_m[RXPATH_RF_SIZE], &size, true) ||
	    size < (u64)sc.size * count)
		return RXPATH_RING_UNKNOWN;
	sc.n = count;
	sc.next = ntc;
	return rxpath_ring_scan_done(&sc, armed);
}

/* What every ring shows after a poll; the caller stamps it last. */
static void rxpath_ring_record(struct rxpath_ring_state *rs, u32 queue,
			       u32 count, u32 ntu, u32 ntc, u32 unused,
			       u32 pending, int work, int budget)
{
	if (!rs->stamp)
		rs->min_unused = rs->max_pending = RXPATH_RING_UNKNOWN;
	WRITE_ONCE(rs->queue, queue);
	WRITE_ONCE(rs->count, count);
	WRITE_ONCE(rs->ntu, ntu);
	WRITE_ONCE(rs->ntc, ntc);
	WRITE_ONCE(rs->unused, unused);
	WRITE_ONCE(rs->pending, pending);
	WRITE_ONCE(rs->polls, rs->polls + 1);
	if (work >= budget)
		WRITE_ONCE(rs->full_polls, rs->full_polls + 1);
	if (rs->min_unused == RXPATH_RING_UNKNOWN || unused < rs->min_unused)
		WRITE_ONCE(rs->min_unused, unused);
}

/*
 * A ring's size and indices, the descriptors the driver could still give
 * the NIC (unused) and those the NIC holds (armed); false for a ring
 * caught mid-resize (any index may show then), to be read at the next
 * poll. owned: after a full-weight poll (rxpath_ring_read).
 */
VISIBLE_IF_KUNIT bool rxpath_ring_indices(const struct rxpath_ring_driver *d,
					  const void *ring, bool owned,
					  u32 *count, u32 *ntu, u32 *ntc,
					  u32 *unused, u32 *armed)
{
	u64 c, p, q, posted;
	u32 wrap;

	if (d->field[RXPATH_RF_COUNT]) {
		if (!rxpath_ring_read(ring, &d->field_m[RXPATH_RF_COUNT], &c, owned))
			return false;
	} else if (rxpath_ring_read(ring, &d->field_m[RXPATH_RF_MASK], &c, owned)) {
		c++;
	} else {
		return false;
	}
	if (!c || c > U16_MAX + 1 ||
	    !rxpath_ring_read(ring, &d->field_m[RXPATH_RF_NTU], &p, owned))
		return false;
	if (d->index == RXPATH_IDX_WRAPPED) {
		if (!rxpath_ring_read(ring, &d->field_m[RXPATH_RF_NTC], &q, owned) ||
		    !rxpath_ring_indices_ok(c, p, q))
			return false;
		*count = c;
		*ntu = p;
		*ntc = q;
		*unused = rxpath_ring_unused(c, p, q);
		*armed = c - 1 - *unused;
		return true;
	}
	/* Counters of 2 or 4 bytes, which wrap at their own width. */
	wrap = d->field_m[RXPATH_RF_NTU].size == 2 ? U16_MAX : U32_MAX;
	if (d->field[RXPATH_RF_POSTED]) {
		if (!rxpath_ring_read(ring, &d->field_m[RXPATH_RF_POSTED], &posted, owned))
			return false;
	} else if (rxpath_ring_read(ring, &d->field_m[RXPATH_RF_NTC], &q, owned)) {
		posted = (p - q) & wrap;
	} else {
		return false;
	}
	if (posted + d->reserved > c)
		return false;
	*count = c;
	*ntu = (u32)p % (u32)c;
	*ntc = (u32)((p - posted) & wrap) % (u32)c;
	*armed = posted;
	*unused = c - d->reserved - posted;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_ring_indices);

/* One ring after one poll of its NAPI that returned work of budget. */
static void rxpath_ring_sample(const struct rxpath_ring_driver *d,
			       struct rxpath_ring_state *rs, const void *container,
			       const void *ring, unsigned int index, int work,
			       int budget)
{
	u32 count, ntu, ntc, unused, armed, pending = RXPATH_RING_UNKNOWN;
	u32 start = RXPATH_RING_UNKNOWN, cap;
	u64 queue = index;
	bool owned = work >= budget;

	if (!rxpath_ring_indices(d, ring, owned, &count, &ntu, &ntc, &unused,
				 &armed))
		return;		/* caught mid-resize: next poll */
	if (rxpath_ring_path(d, RXPATH_RF_QUEUE))
		rxpath_ring_read(d->field[RXPATH_RF_QUEUE] ? ring : container,
				 &d->field_m[RXPATH_RF_QUEUE], &queue, owned);
	if (d->ntc_cleaned && armed)
		armed--;
	/* A poll under its weight stopped at a descriptor not done. */
	if (d->done.kind && work < budget)
		pending = 0;
	else if (d->done.kind)
		pending = rxpath_ring_pending(d, container, ring, count, ntc,
					      armed);
	/*
	 * Pending at the poll's start, as seen after it: what is pending now
	 * and what it cleaned, at most cap, what the NIC can hold. That much
	 * is a full ring: the NIC had nowhere to put the next frame. A
	 * completion ring's driver re-arms each descriptor as it cleans it,
	 * so some may have been filled again during the poll, which this
	 * counts too; vmxnet3's polls return the frames received only
	 * (vmxnet3_poll_rx_only), so their work is what they cleaned.
	 */
	cap = d->done.kind == RXPATH_DONE_GEN ? armed : count - 1;
	if (pending != RXPATH_RING_UNKNOWN && d->done.kind == RXPATH_DONE_GEN)
		start = min_t(u64, (u64)pending + max(work, 0), cap);
	else if (pending != RXPATH_RING_UNKNOWN && rs->stamp && rs->count == count)
		start = rxpath_ring_start_pending(pending,
				rxpath_ring_cleaned(count, rs->ntc, ntc,
						    rs->chain, work), count);
	rxpath_ring_record(rs, queue, count, ntu, ntc, unused, pending, work,
			   budget);
	WRITE_ONCE(rs->chain, work >= budget && in_serving_softirq());
	if (start != RXPATH_RING_UNKNOWN) {
		if (rs->max_pending == RXPATH_RING_UNKNOWN || start > rs->max_pending)
			WRITE_ONCE(rs->max_pending, start);
		if (cap && start == cap)
			WRITE_ONCE(rs->full_events, rs->full_events + 1);
	}
	WRITE_ONCE(rs->stamp, local_clock() ?: 1);
}

/*
 * A virtio receive queue: the vring's size and its free descriptors, those
 * not posted to the device (unused); virtio has no ntu/ntc to show. The
 * size is that of the split or packed vring, in virtio_ring's struct
 * vring_virtqueue around the struct virtqueue (what
 * virtqueue_get_vring_size() reads), read as the other members are.
 */
static void rxpath_ring_sample_vq(const struct rxpath_ring_driver *d,
				  struct rxpath_ring_state *rs, const void *vq,
				  int work, int budget)
{
	const void *outer = vq - d->outer_m.offset;
	u64 num_free, layout, count, queue;
	bool owned = work >= budget, alt;

	if (!rxpath_ring_read(vq, &d->field_m[RXPATH_RF_NUM_FREE], &num_free, owned) ||
	    !rxpath_ring_read(vq, &d->field_m[RXPATH_RF_QUEUE], &queue, owned) ||
	    !rxpath_ring_read(outer, &d->layout_m, &layout, owned))
		return;
	alt = layout < 32 && (d->layout_mask & BIT(layout));
	if (!rxpath_ring_read(outer, alt ? &d->ocount_alt_m : &d->ocount_m, &count, owned) ||
	    !count || count > U16_MAX + 1 || num_free > count)
		return;
	/* Receive queues are the even virtqueues. */
	rxpath_ring_record(rs, queue / 2, count, RXPATH_RING_UNKNOWN,
			   RXPATH_RING_UNKNOWN, num_free, RXPATH_RING_UNKNOWN,
			   work, budget);
	WRITE_ONCE(rs->stamp, local_clock() ?: 1);
}

/*
 * Which resolved driver polls with napi->poll: learnt once per driver, at
 * the first poll of an instance. Not inlined: its symbol buffer is on the
 * stack only then.
 */
static noinline int rxpath_ring_driver_of(const struct napi_struct *napi)
{
	unsigned long poll = (unsigned long)READ_ONCE(napi->poll);
	char sym[KSYM_SYMBOL_LEN];
	bool looked = false;
	unsigned int i, j;
	char *sp;

	for (i = 0; i < rxpath_ring_ndrivers; i++) {
		struct rxpath_ring_driver *d = &rxpath_ring_drivers[i];

		/* Pairs with the release in rxpath_ring_resolve_btf. */
		if (!smp_load_acquire(&d->ready))
			continue;
		for (j = 0; j < RXPATH_RING_POLLS && d->poll[j]; j++) {
			unsigned long addr = READ_ONCE(d->poll_addr[j]);

			if (addr) {
				if (addr == poll)
					return i;
				continue;
			}
			if (!looked) {
				/* "name [module]" */
				sprint_symbol_no_offset(sym, poll);
				sp = strchr(sym, ' ');
				if (sp)
					*sp = '\0';
				looked = true;
			}
			if (!strcmp(sym, d->poll[j])) {
				WRITE_ONCE(d->poll_addr[j], poll);
				return i;
			}
		}
	}
	return -1;
}

/*
 * The row, of d and the rows after it of the same driver, whose layout
 * ring has now (mlx5's cyclic or striding receive queue); NULL if none.
 */
static const struct rxpath_ring_driver *
rxpath_ring_selected(const struct rxpath_ring_driver *d, const void *ring)
{
	const struct rxpath_ring_driver *e;
	u64 v;

	for (e = d; e < rxpath_ring_drivers + rxpath_ring_ndrivers &&
	     e->field[RXPATH_RF_SELECT] && !strcmp(e->name, d->name); e++) {
		/* Pairs with the release in rxpath_ring_resolve_btf. */
		if (smp_load_acquire(&e->ready) &&
		    rxpath_ring_get(ring, &e->field_m[RXPATH_RF_SELECT], &v) &&
		    v == e->select)
			return e;
	}
	return NULL;
}

/*
 * After each poll of a NAPI instance (napi.c), in its slot on this CPU:
 * the first poll finds its driver, every poll of a resolved driver's
 * instance reads its RX rings.
 */
void __rxpath_rings_poll(struct rxpath_napi_rings *r, struct napi_struct *napi,
			 int work, int budget)
{
	const struct rxpath_ring_driver *d;
	const void *container, *ring;
	unsigned int i;

	unsigned int gen = READ_ONCE(rxpath_rings_gen);

	if (unlikely(r->gen != gen)) {
		r->driver = rxpath_ring_driver_of(napi);
		r->gen = gen;
	}
	if (r->driver < 0)
		return;
	d = &rxpath_ring_drivers[r->driver];
	/* Pairs with the release in rxpath_ring_resolve_btf. */
	if (!smp_load_acquire(&d->ready))
		return;
	container = (const void *)napi - d->napi_m.offset;
	if (d->ring_embedded)
		ring = container + d->ring_m.offset;
	else
		ring = rxpath_ring_read_ptr(container, &d->ring_m, work >= budget);
	if (ring && d->field[RXPATH_RF_SELECT]) {
		d = rxpath_ring_selected(d, ring);
		if (!d)
			return;
	}
	if (ring && d->field[RXPATH_RF_NUM_FREE]) {
		rxpath_ring_sample_vq(d, &r->ring[0], ring, work, budget);
		return;
	}
	for (i = 0; ring && i < RXPATH_RINGS_PER_NAPI; i++) {
		rxpath_ring_sample(d, &r->ring[i], container, ring, i, work,
				   budget);
		if (!d->field[RXPATH_RF_NEXT])
			break;
		ring = rxpath_ring_read_ptr(ring, &d->field_m[RXPATH_RF_NEXT],
					    work >= budget);
	}
}

/* The same instance's rings as another CPU saw them, into to. */
void rxpath_rings_merge(struct rxpath_napi_rings *to,
			const struct rxpath_napi_rings *from)
{
	unsigned int i;

	if (from->gen) {
		to->gen = from->gen;
		to->driver = from->driver;
	}
	for (i = 0; i < RXPATH_RINGS_PER_NAPI; i++) {
		struct rxpath_ring_state *t = &to->ring[i];
		const struct rxpath_ring_state *f = &from->ring[i];
		struct rxpath_ring_state sum;

		if (!f->stamp)
			continue;
		if (!t->stamp) {
			*t = *f;
			continue;
		}
		sum = f->stamp > t->stamp ? *f : *t;
		sum.polls = t->polls + f->polls;
		sum.full_polls = t->full_polls + f->full_polls;
		sum.full_events = t->full_events + f->full_events;
		sum.min_unused = min(t->min_unused, f->min_unused);
		if (t->max_pending == RXPATH_RING_UNKNOWN)
			sum.max_pending = f->max_pending;
		else if (f->max_pending == RXPATH_RING_UNKNOWN)
			sum.max_pending = t->max_pending;
		else
			sum.max_pending = max(t->max_pending, f->max_pending);
		*t = sum;
	}
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_rings_merge);
