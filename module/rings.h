/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rings concern: the arithmetic of a ring's indices and the state a
 * NAPI slot keeps of its rings (napi.c's probe hands each poll to
 * rxpath_rings_poll()); then the ring files' own declarations: a driver's
 * row (ring_drivers.c), what resolving it from BTF fills in
 * (ring_resolve.c, process context, under rxpath_rings_lock), and the
 * reads the probes make of what it describes (ring_poll.c, probe context;
 * rings.c's worker).
 */
#ifndef _RXPATH_RINGS_H
#define _RXPATH_RINGS_H

#include <linux/mutex.h>
#include <linux/uaccess.h>
#include "rxpath.h"
#include "btf.h"

struct napi_struct;

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

/* ring_poll.c (poll, merge), rings.c (drops) */
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

/* The ring members rxpath reads, by role. */
enum {
	RXPATH_RF_COUNT,
	RXPATH_RF_NTU,
	RXPATH_RF_NTC,
	RXPATH_RF_DESC,
	RXPATH_RF_NEXT,		/* the next ring of the same vector */
	RXPATH_RF_NUM_FREE,	/* virtio: free descriptors */
	RXPATH_RF_SIZE,		/* the descriptor area's size, bytes */
	RXPATH_RF_QUEUE,	/* the queue's index */
	RXPATH_RF_CQ,		/* completion ring: its descriptors */
	RXPATH_RF_CQ_SIZE,	/* its size, in descriptors */
	RXPATH_RF_CQ_NEXT,	/* the next completion the driver reads */
	RXPATH_RF_CQ_GEN,	/* the generation a new completion carries */
	RXPATH_RF_MASK,		/* count - 1, where the ring has no count */
	RXPATH_RF_POSTED,	/* descriptors the NIC holds, where no ntc is kept */
	RXPATH_RF_SELECT,	/* which of a driver's rows a ring is (a u8) */
	RXPATH_RF_NR,
};

/*
 * How rxpath tells a descriptor the NIC has written back. RXPATH_DONE_BITS:
 * in the RX ring, the bits mask of the byte (width 1) or little-endian u16
 * (width 2) at offset are not all clear. RXPATH_DONE_GEN: in a completion
 * ring (the RXPATH_RF_CQ members), the bit mask of the byte at offset
 * equals the ring's generation, which flips each time the ring wraps.
 * RXPATH_DONE_NONE: rxpath does not tell.
 */
enum { RXPATH_DONE_NONE, RXPATH_DONE_BITS, RXPATH_DONE_GEN };

struct rxpath_ring_done {
	u8 kind;
	u8 offset;
	u8 width;
	u16 mask;
	u8 size;		/* the descriptor's size, bytes */
	const char *wide;	/* container member: non-zero, twice size */
};

/*
 * The device's counter of frames dropped for want of an RX descriptor.
 * RXPATH_DROPS_MISSED: missed + fifo + over errors from dev_get_stats()
 * (the Intel drivers' MPC and RNBC), one per device. RXPATH_DROPS_QUEUE:
 * a per-queue u64 in memory the device writes and the driver's
 * dev_get_stats() refreshes (vmxnet3's "pkts rx OOB", from
 * VMXNET3_CMD_GET_STATS): from the container through the pointer
 * qdrops.dev to the device's struct, through its pointer qdrops.queues to
 * an array of per-queue structs, member qdrops.counter of the queue's.
 */
enum { RXPATH_DROPS_MISSED, RXPATH_DROPS_QUEUE, RXPATH_DROPS_NONE };

struct rxpath_ring_qdrops {
	const char *dev;
	const char *queues;
	const char *counter;
	const char *name;	/* as ethtool -S shows it */
};

/*
 * The struct a ring is embedded in, as its member named member, from the
 * BTF of module btf (vmlinux's when built in): virtio_ring's struct
 * vring_virtqueue around the struct virtqueue virtio_net points to. The
 * ring's size is its member count, or count_alt when its member layout
 * (the first of the names it has) holds one of the values named in
 * layout_values, or 1 where layout is a bool.
 */
struct rxpath_ring_outer {
	const char *btf;
	const char *type;
	const char *member;
	const char *layout[2];
	const char *layout_values[2];
	const char *count;
	const char *count_alt;
};

#define RXPATH_RING_POLLS	2

/*
 * How a ring's indices count. RXPATH_IDX_WRAPPED: next_to_use and
 * next_to_clean run from 0 to count - 1, one slot always empty (the Intel
 * drivers). RXPATH_IDX_FREE: they are counters that run free and wrap at
 * their own width, the ring's slot their value modulo count; reserved
 * slots are never given to the NIC (gve's fill_cnt and cnt); with a
 * POSTED member next_to_clean is not kept, but next_to_use less posted.
 */
enum { RXPATH_IDX_WRAPPED, RXPATH_IDX_FREE };

struct rxpath_ring_driver {
	const char *name;	/* driver, module and BTF file name */
	const char *poll[RXPATH_RING_POLLS];	/* its NAPI poll functions */
	const char *container;	/* the struct that holds the napi_struct */
	const char *napi;	/* member path of that napi_struct */
	/*
	 * Member path of the RX ring: a pointer to it, the ring struct
	 * itself, or an array of them (the first is the one read).
	 */
	const char *ring;
	const char *field[RXPATH_RF_NR];	/* ring members, NULL: unused */
	const char *cfield[RXPATH_RF_NR];	/* container members */
	struct rxpath_ring_done done;
	unsigned int drops;	/* RXPATH_DROPS_* */
	struct rxpath_ring_qdrops qdrops;
	/*
	 * next_to_clean is the descriptor last cleaned, which the driver
	 * re-arms only after the next one (vmxnet3's next2comp): the NIC
	 * holds one descriptor fewer than the unused count says.
	 */
	bool ntc_cleaned;
	u8 index;		/* RXPATH_IDX_* */
	u8 reserved;		/* RXPATH_IDX_FREE: slots never given to the NIC */
	/*
	 * A driver whose rings take one of several layouts has a row for
	 * each, one after the other, with the same poll functions, container
	 * and ring: each ring is read by the row whose select is its
	 * RXPATH_RF_SELECT member's value.
	 */
	u8 select;
	struct rxpath_ring_outer outer;

	/* Resolved, under rxpath_rings_lock; ready publishes them. */
	bool ready;
	bool ring_embedded;
	unsigned long poll_addr[RXPATH_RING_POLLS];	/* learnt at the first poll seen */
	int err;		/* 0: resolved; -ENODEV: not loaded */
	const char *why;
	char ring_type[RXPATH_BTF_NAME_MAX];	/* the ring struct's name */
	struct rxpath_btf_member napi_m, ring_m, wide_m;
	struct rxpath_btf_member field_m[RXPATH_RF_NR];
	/* RXPATH_DROPS_QUEUE: the three members, the per-queue struct's size */
	struct rxpath_btf_member qdev_m, qarray_m, qcount_m;
	char qdev_type[RXPATH_BTF_NAME_MAX], qtype[RXPATH_BTF_NAME_MAX];
	u32 qsize;
	/* outer: its members, and the layout values that pick count_alt */
	struct rxpath_btf_member outer_m, layout_m, ocount_m, ocount_alt_m;
	const char *layout_name;
	u32 layout_mask;
};

extern struct rxpath_ring_driver rxpath_ring_drivers[];
extern const unsigned int rxpath_ring_ndrivers;

#define rxpath_for_each_ring_driver(d) \
	for ((d) = rxpath_ring_drivers; \
	     (d) < rxpath_ring_drivers + rxpath_ring_ndrivers; (d)++)

/* ring_resolve.c */
extern struct mutex rxpath_rings_lock;
int rxpath_ring_unready(struct rxpath_ring_driver *d, int err, const char *why);
int rxpath_rings_resolve_init(void);
void rxpath_rings_resolve_exit(void);
void rxpath_rings_resolve_status(struct seq_file *m);

#if IS_ENABLED(CONFIG_KUNIT)
/* ring_poll.c, visible to rxpath_test.ko */
bool rxpath_ring_indices(const struct rxpath_ring_driver *d, const void *ring,
			 bool owned, u32 *count, u32 *ntu, u32 *ntc,
			 u32 *unused, u32 *armed);
#endif

/* The member of role r: in the ring, or in the container; NULL: unused. */
static inline const char *rxpath_ring_path(const struct rxpath_ring_driver *d,
					   unsigned int r)
{
	return d->field[r] ?: d->cfield[r];
}

/* An integer or pointer member of a struct that may be changing under us. */
static inline bool rxpath_ring_get(const void *base,
				   const struct rxpath_btf_member *m, u64 *val)
{
	const void *src = base + m->offset;
	u32 v32;
	u16 v16;
	u8 v8;

	switch (m->size) {
	case 1:
		if (copy_from_kernel_nofault(&v8, src, 1))
			return false;
		*val = v8;
		return true;
	case 2:
		if (copy_from_kernel_nofault(&v16, src, 2))
			return false;
		*val = v16;
		return true;
	case 4:
		if (copy_from_kernel_nofault(&v32, src, 4))
			return false;
		*val = v32;
		return true;
	case 8:
		return !copy_from_kernel_nofault(val, src, 8);
	}
	return false;
}

static inline const void *rxpath_ring_get_ptr(const void *base,
					      const struct rxpath_btf_member *m)
{
	u64 v;

	return rxpath_ring_get(base, m, &v) ? (const void *)(unsigned long)v : NULL;
}

/*
 * The same, after a poll: owned, the poll used its whole weight, so the
 * core still owns its NAPI, no napi_disable can pass, and nothing reached
 * from it can be freed or rewritten by a resize: a plain read, a few
 * instructions where copy_from_kernel_nofault takes dozens. Otherwise the
 * driver may have completed the NAPI already: rxpath_ring_get.
 */
static inline bool rxpath_ring_read(const void *base,
				    const struct rxpath_btf_member *m, u64 *val,
				    bool owned)
{
	const void *src = base + m->offset;

	if (!owned)
		return rxpath_ring_get(base, m, val);
	switch (m->size) {
	case 1:
		*val = READ_ONCE(*(const u8 *)src);
		return true;
	case 2:
		*val = READ_ONCE(*(const u16 *)src);
		return true;
	case 4:
		*val = READ_ONCE(*(const u32 *)src);
		return true;
	case 8:
		*val = READ_ONCE(*(const u64 *)src);
		return true;
	}
	return false;
}

static inline const void *rxpath_ring_read_ptr(const void *base,
					       const struct rxpath_btf_member *m,
					       bool owned)
{
	u64 v;

	return rxpath_ring_read(base, m, &v, owned) ?
	       (const void *)(unsigned long)v : NULL;
}

/* Member r, read from the container or the ring, as the row places it. */
static inline bool rxpath_ring_field(const struct rxpath_ring_driver *d,
				     unsigned int r, const void *container,
				     const void *ring, u64 *val)
{
	return rxpath_ring_get(d->field[r] ? ring : container, &d->field_m[r], val);
}

#endif /* _RXPATH_RINGS_H */
