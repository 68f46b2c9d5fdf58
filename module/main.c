// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath: where and why the receive path loses packets.
 *
 * Module wiring. Each concern (softnet, budget, napi, rings, events) is one
 * struct rxpath_concern in rxpath_concerns[]: its probes and data first, in
 * order, unwound in reverse when one fails; then the user-visible entry
 * points, the debugfs files and /dev/rxpath, which come last and go first.
 * A probe that cannot attach does not stop the load: the status file says
 * why, and the figures it would have fed show "-". Nor does debugfs's
 * absence (debugfs=off): the probes count and /dev/rxpath streams and
 * serves every file.
 *
 * The two files of the whole module are here: status, which every concern
 * adds its lines to, and reset, which every concern zeroes its peaks and
 * histograms for.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include "compat.h"
#include "rxpath.h"

/* In load order: each concern's probes feed the ones after it. */
static const struct rxpath_concern *const rxpath_concerns[] = {
	&rxpath_softnet_concern,
	&rxpath_budget_concern,
	&rxpath_napi_concern,
	&rxpath_rings_concern,
	&rxpath_events_concern,
};

#define rxpath_for_each_concern(i, c)					\
	for (i = 0; i < ARRAY_SIZE(rxpath_concerns) &&			\
		    ((c) = rxpath_concerns[i]); i++)

/* ---- reset ------------------------------------------------------------- */

/* Boot-time ns of the last reset, 0 for never. */
static u64 rxpath_last_reset_ns;
static DEFINE_MUTEX(rxpath_reset_lock);

/* The one word reset takes. */
VISIBLE_IF_KUNIT int rxpath_parse_reset(const char *word)
{
	return strcmp(word, "1") ? -EINVAL : 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_parse_reset);

static int rxpath_reset_show(struct seq_file *m, void *v)
{
	u64 ns = READ_ONCE(rxpath_last_reset_ns);

	if (!ns) {
		seq_puts(m, "last_reset never\n");
		return 0;
	}
	/* Seconds since boot, as /proc/uptime counts them. */
	seq_printf(m, "last_reset %llu.%06llu\n", ns / NSEC_PER_SEC,
		   (ns % NSEC_PER_SEC) / NSEC_PER_USEC);
	return 0;
}

/* Zeroes every concern's peaks and histograms, one reset at a time. */
static ssize_t rxpath_reset_write(struct file *file, const char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	const struct rxpath_concern *c;
	char word[8];
	unsigned int i;
	int err = rxpath_parse_word(ubuf, len, ppos, word, sizeof(word));

	if (err == -EFAULT)
		return err;
	if (err || rxpath_parse_reset(word)) {
		pr_warn_ratelimited("reset: only \"1\" is accepted (got %zu bytes)\n",
				    len);
		return -EINVAL;
	}
	mutex_lock(&rxpath_reset_lock);
	rxpath_for_each_concern(i, c)
		if (c->reset)
			c->reset();
	WRITE_ONCE(rxpath_last_reset_ns, ktime_get_boottime_ns() ?: 1);
	mutex_unlock(&rxpath_reset_lock);
	return len;
}

static const struct rxpath_file rxpath_reset_file = {
	.show = rxpath_reset_show,
	.write = rxpath_reset_write,
};

/* ---- status ------------------------------------------------------------ */

/*
 * The sysctls that bound the receive path, read the way `sysctl` reads them,
 * so that every kernel version shows the same text whether or not the
 * variable behind it is exported. Absent ones (flow_limit_cpu_bitmap without
 * CONFIG_NET_FLOW_LIMIT) are left out.
 */
static const char *const rxpath_sysctls[] = {
	"netdev_max_backlog",
	"dev_weight",
	"netdev_budget",
	"netdev_budget_usecs",
	"flow_limit_cpu_bitmap",
};

static void rxpath_show_sysctl(struct seq_file *m, const char *name)
{
	char val[128];
	ssize_t n = rxpath_sysctl_read(name, val, sizeof(val));

	if (n == -ENOENT)
		return;
	if (n < 0)
		seq_printf(m, "sysctl net.core.%s unreadable: %pe\n", name,
			   ERR_PTR(n));
	else
		seq_printf(m, "sysctl net.core.%s %s\n", name, strim(val));
}

static int rxpath_status_show(struct seq_file *m, void *v)
{
	const struct rxpath_concern *c;
	unsigned int i;

	seq_printf(m, "version %s\n", RXPATH_VERSION);
	seq_printf(m, "abi %u\n", RXPATH_ABI_VERSION);
	seq_printf(m, "kernel %s\n", init_utsname()->release);
	rxpath_for_each_concern(i, c)
		if (c->show_status)
			c->show_status(m);
	rxpath_probe_show_all(m);
	for (i = 0; i < ARRAY_SIZE(rxpath_sysctls); i++)
		rxpath_show_sysctl(m, rxpath_sysctls[i]);
	return 0;
}

static const struct rxpath_file rxpath_status_file = {
	.show = rxpath_status_show,
};

/* ---- load and unload --------------------------------------------------- */

/* Exits concerns[n - 1] down to concerns[0]. */
static void rxpath_concerns_exit(unsigned int n)
{
	while (n--)
		if (rxpath_concerns[n]->exit)
			rxpath_concerns[n]->exit();
}

static int __init rxpath_init(void)
{
	const struct rxpath_concern *c;
	unsigned int i;
	int err;

	rxpath_for_each_concern(i, c)
		if (c->find)
			c->find();
	rxpath_for_each_concern(i, c) {
		err = c->init ? c->init() : 0;
		if (err) {
			pr_warn("%s not set up (%pe): not loaded\n", c->name,
				ERR_PTR(err));
			rxpath_concerns_exit(i);
			return err;
		}
	}
	/* Nothing can refuse the load from here on. */
	rxpath_for_each_concern(i, c)
		if (c->start)
			c->start();
	rxpath_debugfs_init();
	rxpath_file_add("status", &rxpath_status_file);
	rxpath_file_add("reset", &rxpath_reset_file);
	rxpath_for_each_concern(i, c)
		if (c->files)
			c->files();
	pr_info("version %s loaded\n", RXPATH_VERSION);
	return 0;
}

static void __exit rxpath_exit(void)
{
	unsigned int i = ARRAY_SIZE(rxpath_concerns);

	while (i--)
		if (rxpath_concerns[i]->files_exit)
			rxpath_concerns[i]->files_exit();
	rxpath_debugfs_exit();
	rxpath_concerns_exit(ARRAY_SIZE(rxpath_concerns));
}

module_init(rxpath_init);
module_exit(rxpath_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("rxpath developers");
MODULE_DESCRIPTION("Receive path loss accounting: softnet backlog, NAPI budget, RX rings");
MODULE_VERSION(RXPATH_VERSION);
