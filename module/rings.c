// SPDX-License-Identifier: GPL-2.0
/*
 * Driver RX rings: where each supported driver keeps them, resolved from
 * the driver's own BTF at run time.
 *
 * Every driver is one row of rxpath_ring_drivers: its NAPI poll function,
 * the private struct that holds its napi_struct, the member that points to
 * its (first) RX ring, and the ring's members rxpath reads. The byte
 * offsets come from /sys/kernel/btf/<driver> (split BTF over vmlinux's),
 * never from tables per kernel version: a driver loaded after rxpath is
 * resolved when it goes live, one unloaded is forgotten. status shows, per
 * driver, every struct member rxpath would read and its offset and size,
 * or why the driver is not resolved.
 *
 * The rings are read after every poll of a resolved driver's NAPI
 * (rxpath_rings_poll, from the napi:napi_poll probe): from the napi_struct
 * to the driver's container, its RX ring pointer and the ring's indices.
 * Nothing is read per packet. The ring struct outlives its NAPI's polls,
 * but a resize may rewrite it under a poll that used less than its weight,
 * so its members are read with copy_from_kernel_nofault and the indices
 * are used only when they fit count. Descriptor memory, freed without RCU
 * when a queue is torn down, is read only after a poll that used its whole
 * weight: the core still owns the NAPI then, and no napi_disable can pass.
 *
 * pending, the descriptors the NIC completed and the driver has not yet
 * cleaned, is a binary search from next_to_clean for the first descriptor
 * not done (the NIC completes in order): about log2(count) descriptor
 * reads, for the drivers whose done test the row names.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/sched/clock.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/vmalloc.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>
#include "compat.h"
#include "rxpath.h"
#include "btf.h"

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
enum { RXPATH_DROPS_MISSED, RXPATH_DROPS_QUEUE };

struct rxpath_ring_qdrops {
	const char *dev;
	const char *queues;
	const char *counter;
	const char *name;	/* as ethtool -S shows it */
};

#define RXPATH_RING_POLLS	2

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
};

#define RXPATH_RING_FIELDS(count, ntu, ntc, desc, next, queue, size) \
	{ [RXPATH_RF_COUNT] = count, [RXPATH_RF_NTU] = ntu, \
	  [RXPATH_RF_NTC] = ntc, [RXPATH_RF_DESC] = desc, \
	  [RXPATH_RF_NEXT] = next, [RXPATH_RF_QUEUE] = queue, \
	  [RXPATH_RF_SIZE] = size }
/* Intel's rings; size (of the descriptor area) where pending is read. */
#define RXPATH_RING_INTEL(next, queue, size) \
	RXPATH_RING_FIELDS("count", "next_to_use", "next_to_clean", "desc", \
			   next, queue, size)
/*
 * Done tests: e1000e clears an extended descriptor's status byte when it
 * cleans it, DD is bit 0 of byte 8 (16 and 32 byte formats alike); e1000's
 * legacy descriptor has its status at byte 12. igb, igc and ixgbe zero the
 * written-back length (byte 12) of every descriptor they re-arm and stop
 * at a zero length, their DD bit may be stale. i40e and ice clean past
 * next_to_clean (next_to_process): rxpath does not tell their pending.
 * Descriptors are 16 bytes, e1000e's 32 when it splits packets (jumbo
 * frames: rx_ps_pages).
 */
#define RXPATH_DONE_E1000E	{ RXPATH_DONE_BITS, 8, 1, 0x01, 16, "rx_ps_pages" }
#define RXPATH_DONE_E1000	{ RXPATH_DONE_BITS, 12, 1, 0x01, 16 }
#define RXPATH_DONE_ADV		{ RXPATH_DONE_BITS, 12, 2, 0xffff, 16 }
/*
 * vmxnet3: the device fills the RX ring's descriptors in order and writes
 * a completion (struct Vmxnet3_RxCompDesc, 16 bytes) for each, its gen bit
 * the top bit of the last byte; the driver takes completions while that
 * bit equals comp_ring.gen (vmxnet3_rq_rx_complete).
 */
#define RXPATH_DONE_VMXNET3	{ RXPATH_DONE_GEN, 15, 1, 0x80, 16 }

static struct rxpath_ring_driver rxpath_ring_drivers[] = {
	{ "e1000e", { "e1000e_poll" }, "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL, NULL, "size"), {}, RXPATH_DONE_E1000E },
	{ "e1000", { "e1000_clean" }, "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL, NULL, "size"), {}, RXPATH_DONE_E1000 },
	{ "igb", { "igb_poll" }, "igb_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL, "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "igc", { "igc_poll" }, "igc_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL, "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "ixgbe", { "ixgbe_poll" }, "ixgbe_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "i40e", { "i40e_napi_poll" }, "i40e_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", NULL) },
	{ "ice", { "ice_napi_poll" }, "ice_q_vector", "napi", "rx.rx_ring",
	  RXPATH_RING_INTEL("next", "q_index", NULL) },
	{ "virtio_net", { "virtnet_poll" }, "receive_queue", "napi", "vq",
	  { [RXPATH_RF_NUM_FREE] = "num_free" } },
	/*
	 * One NAPI per RX queue with MSI-X (vmxnet3_poll_rx_only); with
	 * INTx or MSI one queue, polled by vmxnet3_poll. Ring 0 takes every
	 * frame's first buffer; the free count is vmxnet3_cmd_ring_desc_avail,
	 * the Intel formula.
	 */
	{ "vmxnet3", { "vmxnet3_poll_rx_only", "vmxnet3_poll" },
	  "vmxnet3_rx_queue", "napi", "rx_ring",
	  RXPATH_RING_FIELDS("size", "next2fill", "next2comp", NULL, NULL, NULL, NULL),
	  { [RXPATH_RF_QUEUE] = "qid", [RXPATH_RF_CQ] = "comp_ring.base",
	    [RXPATH_RF_CQ_SIZE] = "comp_ring.size",
	    [RXPATH_RF_CQ_NEXT] = "comp_ring.next2proc",
	    [RXPATH_RF_CQ_GEN] = "comp_ring.gen" },
	  RXPATH_DONE_VMXNET3, RXPATH_DROPS_QUEUE,
	  { "adapter", "rqd_start", "stats.pktsRxOutOfBuf", "pkts rx OOB" },
	  true },
};

static DEFINE_MUTEX(rxpath_rings_lock);
/*
 * virtio's ring size, from virtio_ring (a module on Debian): taken when
 * virtio_net is resolved, so that rxpath loads without virtio, and given
 * back when virtio_net goes.
 */
static typeof(&virtqueue_get_vring_size) rxpath_vring_size;
/* Grows when a driver is resolved: instances not yet matched look again. */
static unsigned int rxpath_rings_gen = 1;

/*
 * What a member must be: a pointer, or an integer of 2 or 4 bytes (a queue
 * index or a generation may be 1).
 */
static bool rxpath_ring_member_ok(unsigned int role,
				  const struct rxpath_btf_member *m)
{
	if (role == RXPATH_RF_DESC || role == RXPATH_RF_NEXT ||
	    role == RXPATH_RF_CQ)
		return m->kind == RXPATH_BTF_PTR && m->size == sizeof(void *);
	return m->kind == RXPATH_BTF_INT &&
	       (m->size == 2 || m->size == 4 ||
		(m->size == 1 &&
		 (role == RXPATH_RF_QUEUE || role == RXPATH_RF_CQ_GEN)));
}

/* The member of role r: in the ring, or in the container; NULL: unused. */
static const char *rxpath_ring_path(const struct rxpath_ring_driver *d,
				    unsigned int r)
{
	return d->field[r] ?: d->cfield[r];
}

static int rxpath_ring_fail(struct rxpath_ring_driver *d, int err,
			    const char *why)
{
	unsigned int j;

	/* Probes see a driver from its ready on; they read no more after. */
	WRITE_ONCE(d->ready, false);
	for (j = 0; j < RXPATH_RING_POLLS; j++)
		WRITE_ONCE(d->poll_addr[j], 0);
	d->err = err;
	d->why = why;
	return err;
}

/* The struct m points to, by name into name; its id, 0 if none. */
static u32 rxpath_ring_pointee(const struct rxpath_btf *btf,
			       const struct rxpath_btf_member *m, char *name)
{
	const struct rxpath_btf_type *t;
	const char *s;
	bool embedded;
	u32 id;

	if (m->kind != RXPATH_BTF_PTR || m->size != sizeof(void *))
		return 0;
	id = rxpath_btf_struct_at(btf, m, &embedded);
	t = id ? rxpath_btf_type_by_id(btf, id) : NULL;
	s = id ? rxpath_btf_type_name(btf, id) : NULL;
	if (!t || !s || !*s || !t->size)
		return 0;
	strscpy(name, s, RXPATH_BTF_NAME_MAX);
	return id;
}

/* A per-queue drop counter's three members, from the container id on. */
static int rxpath_ring_resolve_qdrops(struct rxpath_ring_driver *d,
				      const struct rxpath_btf *btf, u32 id)
{
	const struct rxpath_ring_qdrops *q = &d->qdrops;
	u32 dev, queue;

	if (rxpath_btf_member(btf, id, q->dev, &d->qdev_m))
		return rxpath_ring_fail(d, -ENOENT, "no device pointer in the container for its drop counter");
	dev = rxpath_ring_pointee(btf, &d->qdev_m, d->qdev_type);
	if (!dev || rxpath_btf_member(btf, dev, q->queues, &d->qarray_m))
		return rxpath_ring_fail(d, -ENOENT, "no per-queue array for its drop counter");
	queue = rxpath_ring_pointee(btf, &d->qarray_m, d->qtype);
	if (!queue || rxpath_btf_member(btf, queue, q->counter, &d->qcount_m) ||
	    d->qcount_m.kind != RXPATH_BTF_INT || d->qcount_m.size != 8)
		return rxpath_ring_fail(d, -ENOENT, "its per-queue drop counter is missing or not a u64");
	d->qsize = rxpath_btf_type_by_id(btf, queue)->size;
	return 0;
}

/*
 * Resolves one driver against vmlinux's BTF (vm) and its own: the napi
 * member must be a struct napi_struct of the size this build knows, the
 * ring pointer a pointer to a struct with every member the row names.
 */
static int rxpath_ring_resolve_btf(struct rxpath_ring_driver *d,
				   const struct rxpath_btf *btf)
{
	const char *name;
	unsigned int r;
	u32 id, ring;

	id = rxpath_btf_find_struct(btf, d->container);
	if (!id)
		return rxpath_ring_fail(d, -ENOENT, "its BTF has no such container struct");
	if (rxpath_btf_member(btf, id, d->napi, &d->napi_m))
		return rxpath_ring_fail(d, -ENOENT, "no napi member in the container");
	name = rxpath_btf_type_name(btf, d->napi_m.type_id);
	if (!name || strcmp(name, "napi_struct") ||
	    d->napi_m.size != sizeof(struct napi_struct))
		return rxpath_ring_fail(d, -EINVAL, "the napi member is not this kernel's struct napi_struct");
	if (rxpath_btf_member(btf, id, d->ring, &d->ring_m))
		return rxpath_ring_fail(d, -ENOENT, "no RX ring member in the container");
	ring = rxpath_btf_struct_at(btf, &d->ring_m, &d->ring_embedded);
	name = ring ? rxpath_btf_type_name(btf, ring) : NULL;
	if (!name || !*name)
		return rxpath_ring_fail(d, -EINVAL, "the RX ring member is not a named struct, an array of one or a pointer to one");
	if (!d->ring_embedded && d->ring_m.size != sizeof(void *))
		return rxpath_ring_fail(d, -EINVAL, "the ring pointer is not a pointer");
	strscpy(d->ring_type, name, sizeof(d->ring_type));
	for (r = 0; r < RXPATH_RF_NR; r++) {
		if (!rxpath_ring_path(d, r))
			continue;
		if (rxpath_btf_member(btf, d->field[r] ? ring : id,
				      rxpath_ring_path(d, r), &d->field_m[r]))
			return rxpath_ring_fail(d, -ENOENT, "a ring member is missing");
		if (!rxpath_ring_member_ok(r, &d->field_m[r]))
			return rxpath_ring_fail(d, -EINVAL, "a ring member is not of the expected kind or size");
	}
	if (d->drops == RXPATH_DROPS_QUEUE && rxpath_ring_resolve_qdrops(d, btf, id))
		return d->err;
	if (d->done.wide &&
	    (rxpath_btf_member(btf, id, d->done.wide, &d->wide_m) ||
	     !rxpath_ring_member_ok(RXPATH_RF_COUNT, &d->wide_m)))
		return rxpath_ring_fail(d, -ENOENT, "the descriptor format's member is missing");
	if (d->field[RXPATH_RF_NUM_FREE] && !rxpath_vring_size) {
		rxpath_vring_size = symbol_get(virtqueue_get_vring_size);
		if (!rxpath_vring_size)
			return rxpath_ring_fail(d, -ENOENT, "virtqueue_get_vring_size is not exported");
	}
	rxpath_ring_fail(d, 0, NULL);
	/* Pairs with the acquire in rxpath_rings_poll. */
	smp_store_release(&d->ready, true);
	WRITE_ONCE(rxpath_rings_gen, rxpath_rings_gen + 1);
	return 0;
}

/* Whether module name is loaded (its sysfs initstate exists). */
static bool rxpath_module_live(const char *name)
{
	char path[MODULE_NAME_LEN + 32];
	struct file *f;

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return false;
	filp_close(f, NULL);
	return true;
}

/* Resolves d from /sys/kernel/btf; vm is vmlinux's, parsed. */
static int rxpath_ring_resolve(struct rxpath_ring_driver *d,
			       const struct rxpath_btf *vm)
{
	struct rxpath_btf mod;
	void *data;
	ssize_t len;
	int err;

	len = rxpath_btf_read(d->name, &data);
	if (len == -ENOENT) {
		/* Built in, or not loaded: only vmlinux's BTF can tell. */
		if (rxpath_btf_find_struct(vm, d->container))
			return rxpath_ring_resolve_btf(d, vm);
		/* Before 5.11 no module has BTF of its own. */
		if (!rxpath_have_module_btf() && rxpath_module_live(d->name))
			return rxpath_ring_fail(d, -EOPNOTSUPP, "loaded, but this kernel has no BTF for modules (5.11+, CONFIG_DEBUG_INFO_BTF_MODULES)");
		return rxpath_ring_fail(d, -ENODEV, "not loaded");
	}
	if (len < 0)
		return rxpath_ring_fail(d, len, "its BTF cannot be read");
	err = rxpath_btf_init(&mod, data, len, vm);
	if (err)
		rxpath_ring_fail(d, err, "its BTF does not parse");
	else
		err = rxpath_ring_resolve_btf(d, &mod);
	rxpath_btf_free(&mod);
	vfree(data);
	return err;
}

/*
 * Resolves the drivers named (all when name is NULL), reading vmlinux's
 * BTF once for them. Process context.
 */
static void rxpath_rings_resolve(const char *name)
{
	struct rxpath_ring_driver *d;
	struct rxpath_btf vm;
	void *data;
	ssize_t len;
	int err;

	len = rxpath_btf_read("vmlinux", &data);
	err = len < 0 ? len : rxpath_btf_init(&vm, data, len, NULL);
	mutex_lock(&rxpath_rings_lock);
	for (d = rxpath_ring_drivers; d < rxpath_ring_drivers + ARRAY_SIZE(rxpath_ring_drivers); d++) {
		if (name && strcmp(name, d->name))
			continue;
		if (err)
			rxpath_ring_fail(d, err, len < 0 ? "no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)" : "vmlinux's BTF does not parse");
		else
			rxpath_ring_resolve(d, &vm);
	}
	mutex_unlock(&rxpath_rings_lock);
	/* The first pass, at load: softnet.c's struct check reads it too. */
	if (!name)
		rxpath_softnet_check_layout(err ? NULL : &vm,
					    len < 0 ? "no /sys/kernel/btf/vmlinux" : "vmlinux's BTF does not parse");
	if (!err)
		rxpath_btf_free(&vm);
	vfree(data);
}

/* ---- drivers that come and go ------------------------------------------ */

static void rxpath_rings_put_vring_size(const struct rxpath_ring_driver *d)
{
	if (d->field[RXPATH_RF_NUM_FREE] && rxpath_vring_size) {
		symbol_put(virtqueue_get_vring_size);
		rxpath_vring_size = NULL;
	}
}

struct rxpath_ring_work {
	struct work_struct work;
	char name[MODULE_NAME_LEN];
};

static struct workqueue_struct *rxpath_rings_wq;

static void rxpath_rings_work(struct work_struct *work)
{
	struct rxpath_ring_work *w = container_of(work, struct rxpath_ring_work, work);

	rxpath_rings_resolve(w->name);
	kfree(w);
}

static struct rxpath_ring_driver *rxpath_ring_driver_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++)
		if (!strcmp(rxpath_ring_drivers[i].name, name))
			return &rxpath_ring_drivers[i];
	return NULL;
}

static int rxpath_rings_module_event(struct notifier_block *nb,
				     unsigned long state, void *data)
{
	struct module *mod = data;
	struct rxpath_ring_driver *d = rxpath_ring_driver_named(mod->name);
	struct rxpath_ring_work *w;

	if (!d)
		return NOTIFY_DONE;
	if (state == MODULE_STATE_GOING) {
		/* Its exit has run: none of its instances can poll any more. */
		mutex_lock(&rxpath_rings_lock);
		rxpath_ring_fail(d, -ENODEV, "not loaded");
		rxpath_rings_put_vring_size(d);
		mutex_unlock(&rxpath_rings_lock);
	} else if (state == MODULE_STATE_LIVE) {
		/* Its BTF file is there from COMING on; read it outside the loader. */
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w)
			return NOTIFY_DONE;
		INIT_WORK(&w->work, rxpath_rings_work);
		strscpy(w->name, mod->name, sizeof(w->name));
		queue_work(rxpath_rings_wq, &w->work);
	}
	return NOTIFY_DONE;
}

static struct notifier_block rxpath_rings_module_nb = {
	.notifier_call = rxpath_rings_module_event,
};

/* ---- probe context: the rings, after each poll --------------------------- */

/* An integer or pointer member of a struct that may be changing under us. */
static bool rxpath_ring_get(const void *base, const struct rxpath_btf_member *m,
			    u64 *val)
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

static const void *rxpath_ring_get_ptr(const void *base,
				       const struct rxpath_btf_member *m)
{
	u64 v;

	return rxpath_ring_get(base, m, &v) ? (const void *)(unsigned long)v : NULL;
}

/* Member r, read from the container or the ring, as the row places it. */
static bool rxpath_ring_field(const struct rxpath_ring_driver *d,
			      unsigned int r, const void *container,
			      const void *ring, u64 *val)
{
	return rxpath_ring_get(d->field[r] ? ring : container, &d->field_m[r], val);
}

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

static bool rxpath_ring_done_at(const struct rxpath_ring_scan *sc, u32 i)
{
	const struct rxpath_ring_done *dn = sc->dn;
	const u8 *p = sc->desc + (size_t)rxpath_ring_next(sc->n, sc->next, i) * sc->size +
		      dn->offset;
	bool set;

	if (dn->width == 1)
		set = READ_ONCE(*p) & dn->mask;
	else
		set = le16_to_cpu(READ_ONCE(*(const __le16 *)p)) & dn->mask;
	if (dn->kind == RXPATH_DONE_BITS)
		return set;
	/* The generation flips past the ring's end. */
	return set == (sc->gen ^ (sc->next >= sc->n - i));
}

/*
 * How many of the first max descriptors from next on are done: the NIC
 * completes in order, so a binary search finds the first one not done,
 * in about log2(max) reads.
 */
static u32 rxpath_ring_scan_done(const struct rxpath_ring_scan *sc, u32 max)
{
	u32 lo = 0, hi = max, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rxpath_ring_done_at(sc, mid))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Pending: the descriptors done from ntc on, among the armed ones the NIC
 * holds, where the done test is in the RX ring's own descriptors; or the
 * completions written and not yet taken, from the completion ring's next
 * on (at most one per armed descriptor). Only after a full-weight poll
 * (see the top of this file).
 */
static u32 rxpath_ring_pending(const struct rxpath_ring_driver *d,
			       const void *container, const void *ring,
			       u32 count, u32 ntc, u32 armed)
{
	struct rxpath_ring_scan sc = { .dn = &d->done, .size = d->done.size };
	u64 size, next, gen, wide;

	if (d->done.kind == RXPATH_DONE_GEN) {
		sc.desc = rxpath_ring_get_ptr(container, &d->field_m[RXPATH_RF_CQ]);
		if (!sc.desc ||
		    !rxpath_ring_get(container, &d->field_m[RXPATH_RF_CQ_SIZE], &size) ||
		    !rxpath_ring_get(container, &d->field_m[RXPATH_RF_CQ_NEXT], &next) ||
		    !rxpath_ring_get(container, &d->field_m[RXPATH_RF_CQ_GEN], &gen) ||
		    size > U16_MAX + 1 || !rxpath_ring_indices_ok(size, next, next))
			return RXPATH_RING_UNKNOWN;
		sc.n = size;
		sc.next = next;
		sc.gen = gen & 1;
		return rxpath_ring_scan_done(&sc, min_t(u32, armed, size));
	}
	sc.desc = rxpath_ring_get_ptr(ring, &d->field_m[RXPATH_RF_DESC]);
	if (d->done.wide) {
		if (!rxpath_ring_get(container, &d->wide_m, &wide))
			return RXPATH_RING_UNKNOWN;
		if (wide)
			sc.size *= 2;
	}
	/*
	 * The area holds count descriptors at least: e1000e sizes it for its
	 * 32-byte format whichever it uses, rounded up to a page.
	 */
	if (!sc.desc || !rxpath_ring_get(ring, &d->field_m[RXPATH_RF_SIZE], &size) ||
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

/* One ring after one poll of its NAPI that cleaned work of budget. */
static void rxpath_ring_sample(const struct rxpath_ring_driver *d,
			       struct rxpath_ring_state *rs, const void *container,
			       const void *ring, unsigned int index, int work,
			       int budget)
{
	u64 count, ntu, ntc, queue = index;
	u32 unused, armed, pending = RXPATH_RING_UNKNOWN, start;
	bool full;

	if (!rxpath_ring_get(ring, &d->field_m[RXPATH_RF_COUNT], &count) ||
	    !rxpath_ring_get(ring, &d->field_m[RXPATH_RF_NTU], &ntu) ||
	    !rxpath_ring_get(ring, &d->field_m[RXPATH_RF_NTC], &ntc) ||
	    count > U16_MAX + 1 || !rxpath_ring_indices_ok(count, ntu, ntc))
		return;		/* caught mid-resize: next poll */
	if (rxpath_ring_path(d, RXPATH_RF_QUEUE))
		rxpath_ring_field(d, RXPATH_RF_QUEUE, container, ring, &queue);
	unused = rxpath_ring_unused(count, ntu, ntc);
	armed = count - 1 - unused;
	if (d->ntc_cleaned && armed)
		armed--;
	/* A poll under its weight stopped at a descriptor not done. */
	if (d->done.kind && work < budget)
		pending = 0;
	else if (d->done.kind)
		pending = rxpath_ring_pending(d, container, ring, count, ntc,
					      armed);
	rxpath_ring_record(rs, queue, count, ntu, ntc, unused, pending, work,
			   budget);
	if (pending != RXPATH_RING_UNKNOWN) {
		/*
		 * Pending at the poll's start, as seen after it: what is
		 * pending now and what it cleaned, at most what the NIC
		 * held. That much is a full ring: the NIC had nowhere to put
		 * the next frame. A driver that re-arms each descriptor as
		 * it cleans it (a completion ring) may have had some filled
		 * again during the poll, which this counts too.
		 */
		if (d->done.kind == RXPATH_DONE_GEN) {
			start = min_t(u64, (u64)pending + max(work, 0), armed);
			full = armed && start == armed;
		} else {
			start = rxpath_ring_start_pending(pending, work, count);
			full = start == count - 1;
		}
		if (rs->max_pending == RXPATH_RING_UNKNOWN || start > rs->max_pending)
			WRITE_ONCE(rs->max_pending, start);
		if (full)
			WRITE_ONCE(rs->full_events, rs->full_events + 1);
	}
	WRITE_ONCE(rs->stamp, local_clock() ?: 1);
}

/*
 * A virtio receive queue: the vring's size and its free descriptors, those
 * not posted to the device (unused); virtio has no ntu/ntc to show.
 */
static void rxpath_ring_sample_vq(const struct rxpath_ring_driver *d,
				  struct rxpath_ring_state *rs,
				  struct virtqueue *vq, int work, int budget)
{
	typeof(&virtqueue_get_vring_size) vring_size = READ_ONCE(rxpath_vring_size);
	u64 num_free;
	u32 count;

	if (!vring_size ||
	    !rxpath_ring_get(vq, &d->field_m[RXPATH_RF_NUM_FREE], &num_free))
		return;
	count = vring_size(vq);
	if (!count || num_free > count)
		return;
	/* Receive queues are the even virtqueues. */
	rxpath_ring_record(rs, READ_ONCE(vq->index) / 2, count,
			   RXPATH_RING_UNKNOWN, RXPATH_RING_UNKNOWN, num_free,
			   RXPATH_RING_UNKNOWN, work, budget);
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

	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++) {
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
 * After each poll of a NAPI instance (napi.c), in its slot on this CPU:
 * the first poll finds its driver, every poll of a resolved driver's
 * instance reads its RX rings.
 */
void rxpath_rings_poll(struct rxpath_napi_rings *r, struct napi_struct *napi,
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
		ring = rxpath_ring_get_ptr(container, &d->ring_m);
	if (ring && d->field[RXPATH_RF_NUM_FREE]) {
		rxpath_ring_sample_vq(d, &r->ring[0], (struct virtqueue *)ring,
				      work, budget);
		return;
	}
	for (i = 0; ring && i < RXPATH_RINGS_PER_NAPI; i++) {
		rxpath_ring_sample(d, &r->ring[i], container, ring, i, work,
				   budget);
		if (!d->field[RXPATH_RF_NEXT])
			break;
		ring = rxpath_ring_get_ptr(ring, &d->field_m[RXPATH_RF_NEXT]);
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

	if (driver < 0 || driver >= ARRAY_SIZE(rxpath_ring_drivers))
		return false;
	d = &rxpath_ring_drivers[driver];
	/* Pairs with the release in rxpath_ring_resolve_btf. */
	if (!smp_load_acquire(&d->ready) || !d->done.kind)
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

	if (static_branch_unlikely(&rxpath_dev_on))
		__rxpath_dev_ring(&ring);
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

	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++)
		if (READ_ONCE(rxpath_ring_drivers[i].ready))
			return true;
	return false;
}

static void rxpath_missed_work(struct work_struct *work)
{
	struct rxpath_napi_rows rows;

	if (rxpath_rings_any_ready() && !rxpath_napi_rows_get(&rows)) {
		mutex_lock(&rxpath_missed_lock);
		rxpath_missed_step_rows(&rows);
		mutex_unlock(&rxpath_missed_lock);
		rxpath_napi_rows_put(&rows);
	}
	schedule_delayed_work(&rxpath_missed_dwork, HZ);
}

void rxpath_rings_reset(void)
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

void rxpath_rings_debugfs_init(void)
{
	rxpath_debugfs_file("rings", &rxpath_rings_file);
}

/* ---- status ------------------------------------------------------------ */

static void rxpath_ring_show_member(struct seq_file *m, const char *driver,
				    const char *st, const char *path,
				    const struct rxpath_btf_member *bm)
{
	seq_printf(m, "ring_member %s %s.%s %u %u\n", driver, st, path,
		   bm->offset, bm->size);
}

void rxpath_rings_show_status(struct seq_file *m)
{
	const struct rxpath_ring_driver *d;
	unsigned int r;

	mutex_lock(&rxpath_rings_lock);
	for (d = rxpath_ring_drivers; d < rxpath_ring_drivers + ARRAY_SIZE(rxpath_ring_drivers); d++) {
		if (d->err == -ENODEV) {
			seq_printf(m, "ring_driver %s not loaded\n", d->name);
			continue;
		}
		if (d->err) {
			seq_printf(m, "ring_driver %s failed: %pe %s\n", d->name,
				   ERR_PTR(d->err), d->why);
			continue;
		}
		seq_printf(m, "ring_driver %s resolved: poll %s", d->name, d->poll[0]);
		for (r = 1; r < RXPATH_RING_POLLS && d->poll[r]; r++)
			seq_printf(m, " or %s", d->poll[r]);
		seq_printf(m, ", ring struct %s%s, drops ", d->ring_type,
			   d->ring_embedded ? " (embedded)" : "");
		if (!d->done.kind)
			seq_puts(m, "- (no full-ring test)\n");
		else if (d->drops == RXPATH_DROPS_QUEUE)
			seq_printf(m, "per queue: %s (%s.%s[queue].%s)\n",
				   d->qdrops.name, d->qdev_type, d->qdrops.queues,
				   d->qdrops.counter);
		else
			seq_puts(m, "rx_missed_errors+rx_fifo_errors+rx_over_errors\n");
		rxpath_ring_show_member(m, d->name, d->container, d->napi, &d->napi_m);
		rxpath_ring_show_member(m, d->name, d->container, d->ring, &d->ring_m);
		if (d->done.wide)
			rxpath_ring_show_member(m, d->name, d->container,
						d->done.wide, &d->wide_m);
		for (r = 0; r < RXPATH_RF_NR; r++)
			if (rxpath_ring_path(d, r))
				rxpath_ring_show_member(m, d->name,
							d->field[r] ? d->ring_type : d->container,
							rxpath_ring_path(d, r), &d->field_m[r]);
		if (d->drops == RXPATH_DROPS_QUEUE) {
			rxpath_ring_show_member(m, d->name, d->container,
						d->qdrops.dev, &d->qdev_m);
			rxpath_ring_show_member(m, d->name, d->qdev_type,
						d->qdrops.queues, &d->qarray_m);
			rxpath_ring_show_member(m, d->name, d->qtype,
						d->qdrops.counter, &d->qcount_m);
		}
	}
	mutex_unlock(&rxpath_rings_lock);
}

/* ---- init / exit ------------------------------------------------------- */

int rxpath_rings_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++)
		rxpath_ring_fail(&rxpath_ring_drivers[i], -ENODEV, "not loaded");
	rxpath_rings_wq = alloc_ordered_workqueue("rxpath_rings", 0);
	if (!rxpath_rings_wq)
		return -ENOMEM;
	err = register_module_notifier(&rxpath_rings_module_nb);
	if (err) {
		destroy_workqueue(rxpath_rings_wq);
		return err;
	}
	rxpath_rings_resolve(NULL);
	INIT_DELAYED_WORK(&rxpath_missed_dwork, rxpath_missed_work);
	schedule_delayed_work(&rxpath_missed_dwork, HZ);
	return 0;
}

void rxpath_rings_exit(void)
{
	unsigned int i;

	cancel_delayed_work_sync(&rxpath_missed_dwork);
	unregister_module_notifier(&rxpath_rings_module_nb);
	/* Runs what is queued, and frees it. */
	destroy_workqueue(rxpath_rings_wq);
	/* The probes, still attached, read no ring from here on. */
	mutex_lock(&rxpath_rings_lock);
	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++)
		rxpath_ring_fail(&rxpath_ring_drivers[i], -ENODEV, "not loaded");
	mutex_unlock(&rxpath_rings_lock);
	synchronize_rcu();
	for (i = 0; i < ARRAY_SIZE(rxpath_ring_drivers); i++)
		rxpath_rings_put_vring_size(&rxpath_ring_drivers[i]);
}
