// SPDX-License-Identifier: GPL-2.0
/*
 * The record of rxpath's probes. Every concern reports each probe it tried
 * to attach, attached or not, so that the status file can say which figures
 * are being measured on this kernel and why a missing one is missing. The
 * list changes only at module init and exit, when no debugfs file exists;
 * a probe attached only while a switch is on (p->when) stays on it, idle,
 * while the switch is off.
 */
#include <linux/err.h>
#include <linux/tracepoint.h>
#include "rxpath.h"

static LIST_HEAD(rxpath_probes);

static void rxpath_probe_list(struct rxpath_probe *p)
{
	if (!p->listed)
		list_add_tail(&p->node, &rxpath_probes);
	p->listed = true;
}

void rxpath_probe_attached(struct rxpath_probe *p)
{
	WRITE_ONCE(p->err, 0);
	WRITE_ONCE(p->attached, true);
	rxpath_probe_list(p);
}

void rxpath_probe_failed(struct rxpath_probe *p, int err, const char *why)
{
	WRITE_ONCE(p->why, why);
	WRITE_ONCE(p->err, err);
	WRITE_ONCE(p->attached, false);
	rxpath_probe_list(p);
	pr_warn("%s not attached: %d (%s), its figures show '-'\n",
		p->name, err, why);
}

/* Detached by choice: p->when does not hold now. */
void rxpath_probe_idle(struct rxpath_probe *p)
{
	WRITE_ONCE(p->err, 0);
	WRITE_ONCE(p->attached, false);
	rxpath_probe_list(p);
}

/* Records the outcome of a registration that returned err. */
void rxpath_probe_report(struct rxpath_probe *p, int err, const char *why)
{
	if (err)
		rxpath_probe_failed(p, err, why);
	else
		rxpath_probe_attached(p);
}

void rxpath_probe_forget(struct rxpath_probe *p)
{
	if (p->listed)
		list_del(&p->node);
	p->listed = false;
}

void rxpath_probe_show_all(struct seq_file *m)
{
	struct rxpath_probe *p;

	list_for_each_entry(p, &rxpath_probes, node) {
		int err = READ_ONCE(p->err);

		if (!READ_ONCE(p->attached) && p->when && !err) {
			seq_printf(m, "probe %s off: attached while %s\n",
				   p->name, p->when);
			continue;
		}
		if (!READ_ONCE(p->attached)) {
			seq_printf(m, "probe %s failed: %pe %s\n", p->name,
				   ERR_PTR(err), READ_ONCE(p->why));
			continue;
		}
		seq_printf(m, "probe %s attached", p->name);
		if (p->kprobe)
			seq_printf(m, " %s missed %lu",
				   kprobe_disabled(p->kprobe) ? "disabled" : "enabled",
				   p->kprobe->nmissed);
		seq_putc(m, '\n');
	}
}

struct rxpath_tp_lookup {
	const char *name;
	struct tracepoint *tp;
};

static void rxpath_tp_match(struct tracepoint *tp, void *priv)
{
	struct rxpath_tp_lookup *l = priv;

	if (!strcmp(tp->name, l->name))
		l->tp = tp;
}

/*
 * Attaches func to the kernel tracepoint tp_name, exported or not, and
 * records the outcome in p. func must have the tracepoint's probe prototype
 * (void *data first); nothing checks it at build time, so each caller names
 * the TP_PROTO it follows. Detach with rxpath_tracepoint_detach(), then
 * tracepoint_synchronize_unregister() before the data it uses goes.
 */
void rxpath_tracepoint_attach(struct rxpath_probe *p, const char *tp_name,
			      void *func)
{
	struct rxpath_tp_lookup l = { .name = tp_name };
	int err;

	for_each_kernel_tracepoint(rxpath_tp_match, &l);
	if (!l.tp) {
		rxpath_probe_failed(p, -ENOENT, "no such tracepoint in this kernel");
		return;
	}
	err = tracepoint_probe_register(l.tp, func, NULL);
	if (!err) {
		p->tp = l.tp;
		p->tp_func = func;
	}
	rxpath_probe_report(p, err, "tracepoint registration refused");
}

/*
 * Detaches what rxpath_tracepoint_attach attached. A probe with a switch
 * (p->when) stays on the list, idle, until rxpath_probe_forget.
 */
void rxpath_tracepoint_detach(struct rxpath_probe *p)
{
	if (p->attached && p->tp)
		tracepoint_probe_unregister(p->tp, p->tp_func, NULL);
	p->tp = NULL;
	if (p->when)
		rxpath_probe_idle(p);
	else
		rxpath_probe_forget(p);
}
