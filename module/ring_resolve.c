// SPDX-License-Identifier: GPL-2.0
/*
 * Where each supported driver keeps its RX rings, resolved from the
 * driver's own BTF at run time (process context, under rxpath_rings_lock).
 * The byte offsets of a row's members come from /sys/kernel/btf/<driver>
 * (split BTF over vmlinux's), never from tables per kernel version: a
 * driver loaded after rxpath is resolved when it goes live, one unloaded
 * is forgotten. status shows, per driver, every struct member rxpath would
 * read and its offset and size, or why the driver is not resolved.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include "compat.h"
#include "rxpath.h"
#include "rings.h"
#include "softnet.h"

DEFINE_MUTEX(rxpath_rings_lock);
/* Grows when a driver is resolved: instances not yet matched look again. */
unsigned int rxpath_rings_gen = 1;

/*
 * What a member must be: a pointer, or an integer of 2 or 4 bytes (a queue
 * index, a generation or a selector may be 1).
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
		 (role == RXPATH_RF_QUEUE || role == RXPATH_RF_CQ_GEN ||
		  role == RXPATH_RF_SELECT)));
}

/*
 * Takes driver d out of the probes' reach (not ready, no poll address) and
 * records why: err and a few words, or 0 and NULL before it is made ready
 * again. Returns err.
 */
int rxpath_ring_unready(struct rxpath_ring_driver *d, int err,
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
		return rxpath_ring_unready(d, -ENOENT, "no device pointer in the container for its drop counter");
	dev = rxpath_ring_pointee(btf, &d->qdev_m, d->qdev_type);
	if (!dev || rxpath_btf_member(btf, dev, q->queues, &d->qarray_m))
		return rxpath_ring_unready(d, -ENOENT, "no per-queue array for its drop counter");
	queue = rxpath_ring_pointee(btf, &d->qarray_m, d->qtype);
	if (!queue || rxpath_btf_member(btf, queue, q->counter, &d->qcount_m) ||
	    d->qcount_m.kind != RXPATH_BTF_INT || d->qcount_m.size != 8)
		return rxpath_ring_unready(d, -ENOENT, "its per-queue drop counter is missing or not a u64");
	d->qsize = rxpath_btf_type_by_id(btf, queue)->size;
	return 0;
}

/* The outer struct's layout member, and which of its values pick count_alt. */
static int rxpath_ring_resolve_layout(struct rxpath_ring_driver *d,
				      const struct rxpath_btf *btf, u32 id)
{
	const struct rxpath_ring_outer *o = &d->outer;
	unsigned int i;
	s64 v;

	for (i = 0; i < ARRAY_SIZE(o->layout) && o->layout[i]; i++)
		if (!rxpath_btf_member(btf, id, o->layout[i], &d->layout_m))
			break;
	if (i == ARRAY_SIZE(o->layout) || !o->layout[i])
		return rxpath_ring_unready(d, -ENOENT, "the outer struct has no layout member");
	d->layout_name = o->layout[i];
	d->layout_mask = 0;
	if (d->layout_m.kind == RXPATH_BTF_INT && d->layout_m.size == 1) {
		d->layout_mask = BIT(1);	/* a bool: true */
		return 0;
	}
	if (d->layout_m.kind != RXPATH_BTF_ENUM || d->layout_m.size > 4)
		return rxpath_ring_unready(d, -EINVAL, "the outer struct's layout member is not a bool or an enum");
	for (i = 0; i < ARRAY_SIZE(o->layout_values) && o->layout_values[i]; i++) {
		if (rxpath_btf_enum_value(btf, d->layout_m.type_id,
					  o->layout_values[i], &v) || v < 0 || v > 31)
			return rxpath_ring_unready(d, -ENOENT, "the outer struct's layout enum lacks a value rxpath reads");
		d->layout_mask |= BIT(v);
	}
	return 0;
}

/*
 * The struct the ring is embedded in, from its module's BTF (vmlinux's
 * when it is built in): its member holding the ring, of the ring's own
 * struct, and the two size members and the layout that chooses.
 */
static int rxpath_ring_resolve_outer(struct rxpath_ring_driver *d,
				     const struct rxpath_btf *vm)
{
	const struct rxpath_ring_outer *o = &d->outer;
	const struct rxpath_btf *btf = vm;
	struct rxpath_btf own;
	void *data = NULL;
	const char *name;
	ssize_t len;
	int err;
	u32 id;

	len = rxpath_btf_read(o->btf, &data);
	if (len >= 0) {
		err = rxpath_btf_init(&own, data, len, vm);
		if (err) {
			vfree(data);
			return rxpath_ring_unready(d, err, "the outer struct's BTF does not parse");
		}
		btf = &own;
	} else if (len != -ENOENT) {
		return rxpath_ring_unready(d, len, "the outer struct's BTF cannot be read");
	}
	id = rxpath_btf_find_struct(btf, o->type);
	if (!id) {
		err = rxpath_ring_unready(d, -ENOENT, "no outer struct in its BTF");
		goto out;
	}
	err = rxpath_btf_member(btf, id, o->member, &d->outer_m);
	name = err ? NULL : rxpath_btf_type_name(btf, d->outer_m.type_id);
	if (!name || d->outer_m.kind != RXPATH_BTF_STRUCT || strcmp(name, d->ring_type)) {
		err = rxpath_ring_unready(d, -ENOENT, "the outer struct does not hold the ring struct");
		goto out;
	}
	if (rxpath_btf_member(btf, id, o->count, &d->ocount_m) ||
	    rxpath_btf_member(btf, id, o->count_alt, &d->ocount_alt_m) ||
	    !rxpath_ring_member_ok(RXPATH_RF_COUNT, &d->ocount_m) ||
	    !rxpath_ring_member_ok(RXPATH_RF_COUNT, &d->ocount_alt_m)) {
		err = rxpath_ring_unready(d, -ENOENT, "the outer struct's size members are missing or not integers");
		goto out;
	}
	err = rxpath_ring_resolve_layout(d, btf, id);
out:
	if (btf == &own)
		rxpath_btf_free(&own);
	vfree(data);
	return err;
}

/*
 * Resolves one driver against vmlinux's BTF (vm) and its own: the napi
 * member must be a struct napi_struct of the size this build knows, the
 * ring pointer a pointer to a struct with every member the row names.
 */
static int rxpath_ring_resolve_btf(struct rxpath_ring_driver *d,
				   const struct rxpath_btf *btf,
				   const struct rxpath_btf *vm)
{
	const char *name;
	unsigned int r;
	u32 id, ring;

	id = rxpath_btf_find_struct(btf, d->container);
	if (!id)
		return rxpath_ring_unready(d, -ENOENT, "its BTF has no such container struct");
	if (rxpath_btf_member(btf, id, d->napi, &d->napi_m))
		return rxpath_ring_unready(d, -ENOENT, "no napi member in the container");
	name = rxpath_btf_type_name(btf, d->napi_m.type_id);
	if (!name || strcmp(name, "napi_struct") ||
	    d->napi_m.size != sizeof(struct napi_struct))
		return rxpath_ring_unready(d, -EINVAL, "the napi member is not this kernel's struct napi_struct");
	if (rxpath_btf_member(btf, id, d->ring, &d->ring_m))
		return rxpath_ring_unready(d, -ENOENT, "no RX ring member in the container");
	ring = rxpath_btf_struct_at(btf, &d->ring_m, &d->ring_embedded);
	name = ring ? rxpath_btf_type_name(btf, ring) : NULL;
	if (!name || !*name)
		return rxpath_ring_unready(d, -EINVAL, "the RX ring member is not a named struct, an array of one or a pointer to one");
	if (!d->ring_embedded && d->ring_m.size != sizeof(void *))
		return rxpath_ring_unready(d, -EINVAL, "the ring pointer is not a pointer");
	strscpy(d->ring_type, name, sizeof(d->ring_type));
	for (r = 0; r < RXPATH_RF_NR; r++) {
		if (!rxpath_ring_path(d, r))
			continue;
		if (rxpath_btf_member(btf, d->field[r] ? ring : id,
				      rxpath_ring_path(d, r), &d->field_m[r]))
			return rxpath_ring_unready(d, -ENOENT, "a ring member is missing");
		if (!rxpath_ring_member_ok(r, &d->field_m[r]))
			return rxpath_ring_unready(d, -EINVAL, "a ring member is not of the expected kind or size");
	}
	if (d->drops == RXPATH_DROPS_QUEUE && rxpath_ring_resolve_qdrops(d, btf, id))
		return d->err;
	if (d->done.wide &&
	    (rxpath_btf_member(btf, id, d->done.wide, &d->wide_m) ||
	     !rxpath_ring_member_ok(RXPATH_RF_COUNT, &d->wide_m)))
		return rxpath_ring_unready(d, -ENOENT, "the descriptor format's member is missing");
	if (d->outer.type && rxpath_ring_resolve_outer(d, vm))
		return d->err;
	rxpath_ring_unready(d, 0, NULL);
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
			return rxpath_ring_resolve_btf(d, vm, vm);
		/* Before 5.11 no module has BTF of its own. */
		if (!rxpath_have_module_btf() && rxpath_module_live(d->name))
			return rxpath_ring_unready(d, -EOPNOTSUPP, "loaded, but this kernel has no BTF for modules (5.11+, CONFIG_DEBUG_INFO_BTF_MODULES)");
		return rxpath_ring_unready(d, -ENODEV, "not loaded");
	}
	if (len < 0)
		return rxpath_ring_unready(d, len, "its BTF cannot be read");
	err = rxpath_btf_init(&mod, data, len, vm);
	if (err)
		rxpath_ring_unready(d, err, "its BTF does not parse");
	else
		err = rxpath_ring_resolve_btf(d, &mod, vm);
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
	rxpath_for_each_ring_driver(d) {
		if (name && strcmp(name, d->name))
			continue;
		if (err)
			rxpath_ring_unready(d, err, len < 0 ? "no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)" : "vmlinux's BTF does not parse");
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

/* Whether some row is module name's (a driver may have several). */
static bool rxpath_ring_driver_named(const char *name)
{
	struct rxpath_ring_driver *d;

	rxpath_for_each_ring_driver(d)
		if (!strcmp(d->name, name))
			return true;
	return false;
}

static int rxpath_rings_module_event(struct notifier_block *nb,
				     unsigned long state, void *data)
{
	struct module *mod = data;
	struct rxpath_ring_driver *d;
	struct rxpath_ring_work *w;

	if (!rxpath_ring_driver_named(mod->name))
		return NOTIFY_DONE;
	if (state == MODULE_STATE_GOING) {
		/* Its exit has run: none of its instances can poll any more. */
		mutex_lock(&rxpath_rings_lock);
		rxpath_for_each_ring_driver(d) {
			if (strcmp(d->name, mod->name))
				continue;
			rxpath_ring_unready(d, -ENODEV, "not loaded");
		}
		mutex_unlock(&rxpath_rings_lock);
	} else if (state == MODULE_STATE_LIVE) {
		/* Its BTF file is there from COMING on; read it outside the loader. */
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w) {
			mutex_lock(&rxpath_rings_lock);
			rxpath_for_each_ring_driver(d)
				if (!strcmp(d->name, mod->name))
					rxpath_ring_unready(d, -ENOMEM, "no memory to resolve it when it loaded: reload rxpath");
			mutex_unlock(&rxpath_rings_lock);
			return NOTIFY_DONE;
		}
		INIT_WORK(&w->work, rxpath_rings_work);
		strscpy(w->name, mod->name, sizeof(w->name));
		queue_work(rxpath_rings_wq, &w->work);
	}
	return NOTIFY_DONE;
}

static struct notifier_block rxpath_rings_module_nb = {
	.notifier_call = rxpath_rings_module_event,
};


/*
 * Resolves the drivers loaded now, and from here on each one that goes
 * live; forgets each one that goes.
 */
int rxpath_rings_resolve_init(void)
{
	struct rxpath_ring_driver *d;
	int err;

	rxpath_for_each_ring_driver(d)
		rxpath_ring_unready(d, -ENODEV, "not loaded");
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

void rxpath_rings_resolve_exit(void)
{
	struct rxpath_ring_driver *d;

	unregister_module_notifier(&rxpath_rings_module_nb);
	/* Runs what is queued, and frees it. */
	destroy_workqueue(rxpath_rings_wq);
	/* The probes, still attached, read no ring from here on. */
	mutex_lock(&rxpath_rings_lock);
	rxpath_for_each_ring_driver(d)
		rxpath_ring_unready(d, -ENODEV, "not loaded");
	mutex_unlock(&rxpath_rings_lock);
}

/* ---- status ------------------------------------------------------------ */

static void rxpath_ring_show_member(struct seq_file *m, const char *driver,
				    const char *st, const char *path,
				    const struct rxpath_btf_member *bm)
{
	seq_printf(m, "ring_member %s %s.%s %u %u\n", driver, st, path,
		   bm->offset, bm->size);
}

void rxpath_rings_resolve_status(struct seq_file *m)
{
	const struct rxpath_ring_driver *d;
	unsigned int r;

	mutex_lock(&rxpath_rings_lock);
	rxpath_for_each_ring_driver(d) {
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
		else if (d->drops == RXPATH_DROPS_NONE)
			seq_puts(m, "- (the driver counts none)\n");
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
		if (d->outer.type) {
			/* Named by the BTF they come from: virtio_ring's. */
			rxpath_ring_show_member(m, d->outer.btf, d->outer.type,
						d->outer.member, &d->outer_m);
			rxpath_ring_show_member(m, d->outer.btf, d->outer.type,
						d->layout_name, &d->layout_m);
			rxpath_ring_show_member(m, d->outer.btf, d->outer.type,
						d->outer.count, &d->ocount_m);
			rxpath_ring_show_member(m, d->outer.btf, d->outer.type,
						d->outer.count_alt, &d->ocount_alt_m);
		}
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
