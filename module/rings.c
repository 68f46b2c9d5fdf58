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
 * This is the first part of the ring table: the reading of the rings
 * themselves, per NAPI poll, comes next.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
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
	RXPATH_RF_NR,
};

struct rxpath_ring_driver {
	const char *name;	/* driver, module and BTF file name */
	const char *poll;	/* its NAPI poll function */
	const char *container;	/* the struct that holds the napi_struct */
	const char *napi;	/* member path of that napi_struct */
	const char *ring_ptr;	/* member path of the pointer to the RX ring */
	const char *field[RXPATH_RF_NR];	/* ring members, NULL: unused */

	/* Resolved, under rxpath_rings_lock. */
	int err;		/* 0: resolved; -ENODEV: not loaded */
	const char *why;
	char ring[RXPATH_BTF_NAME_MAX];	/* the ring struct's name */
	struct rxpath_btf_member napi_m, ring_ptr_m;
	struct rxpath_btf_member field_m[RXPATH_RF_NR];
};

#define RXPATH_RING_FIELDS(count, ntu, ntc, desc, next) \
	{ [RXPATH_RF_COUNT] = count, [RXPATH_RF_NTU] = ntu, \
	  [RXPATH_RF_NTC] = ntc, [RXPATH_RF_DESC] = desc, \
	  [RXPATH_RF_NEXT] = next }
#define RXPATH_RING_INTEL(next) \
	RXPATH_RING_FIELDS("count", "next_to_use", "next_to_clean", "desc", next)

static struct rxpath_ring_driver rxpath_ring_drivers[] = {
	{ "e1000e", "e1000e_poll", "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL) },
	{ "e1000", "e1000_clean", "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL) },
	{ "igb", "igb_poll", "igb_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL) },
	{ "igc", "igc_poll", "igc_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL) },
	{ "ixgbe", "ixgbe_poll", "ixgbe_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next") },
	{ "i40e", "i40e_napi_poll", "i40e_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next") },
	{ "ice", "ice_napi_poll", "ice_q_vector", "napi", "rx.rx_ring",
	  RXPATH_RING_INTEL("next") },
	{ "virtio_net", "virtnet_poll", "receive_queue", "napi", "vq",
	  { [RXPATH_RF_NUM_FREE] = "num_free" } },
};

static DEFINE_MUTEX(rxpath_rings_lock);

/* What a member must be: a pointer, or an integer of 2 or 4 bytes. */
static bool rxpath_ring_member_ok(unsigned int role,
				  const struct rxpath_btf_member *m)
{
	if (role == RXPATH_RF_DESC || role == RXPATH_RF_NEXT)
		return m->kind == RXPATH_BTF_PTR;
	return m->kind == RXPATH_BTF_INT && (m->size == 2 || m->size == 4);
}

static int rxpath_ring_fail(struct rxpath_ring_driver *d, int err,
			    const char *why)
{
	d->err = err;
	d->why = why;
	return err;
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
	if (rxpath_btf_member(btf, id, d->ring_ptr, &d->ring_ptr_m))
		return rxpath_ring_fail(d, -ENOENT, "no ring pointer in the container");
	ring = rxpath_btf_pointee(btf, d->ring_ptr_m.type_id);
	name = ring ? rxpath_btf_type_name(btf, ring) : NULL;
	if (!name || !*name)
		return rxpath_ring_fail(d, -EINVAL, "the ring pointer does not point to a named struct");
	strscpy(d->ring, name, sizeof(d->ring));
	for (r = 0; r < RXPATH_RF_NR; r++) {
		if (!d->field[r])
			continue;
		if (rxpath_btf_member(btf, ring, d->field[r], &d->field_m[r]))
			return rxpath_ring_fail(d, -ENOENT, "a ring member is missing");
		if (!rxpath_ring_member_ok(r, &d->field_m[r]))
			return rxpath_ring_fail(d, -EINVAL, "a ring member is not of the expected kind or size");
	}
	return rxpath_ring_fail(d, 0, NULL);
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
		if (!rxpath_btf_find_struct(vm, d->container))
			return rxpath_ring_fail(d, -ENODEV, "not loaded");
		return rxpath_ring_resolve_btf(d, vm);
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
	if (!err)
		rxpath_btf_free(&vm);
	vfree(data);
}

/* ---- drivers that come and go ------------------------------------------ */

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
		mutex_lock(&rxpath_rings_lock);
		rxpath_ring_fail(d, -ENODEV, "not loaded");
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
		seq_printf(m, "ring_driver %s resolved: poll %s, ring struct %s\n",
			   d->name, d->poll, d->ring);
		rxpath_ring_show_member(m, d->name, d->container, d->napi, &d->napi_m);
		rxpath_ring_show_member(m, d->name, d->container, d->ring_ptr,
					&d->ring_ptr_m);
		for (r = 0; r < RXPATH_RF_NR; r++)
			if (d->field[r])
				rxpath_ring_show_member(m, d->name, d->ring,
							d->field[r], &d->field_m[r]);
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
	return 0;
}

void rxpath_rings_exit(void)
{
	unregister_module_notifier(&rxpath_rings_module_nb);
	/* Runs what is queued, and frees it. */
	destroy_workqueue(rxpath_rings_wq);
}
