// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath: where and why the receive path loses packets.
 *
 * Module wiring. Each concern attaches its probes first; the debugfs files
 * and /dev/rxpath, the user-visible entry points, come last and go first.
 * A probe that cannot attach does not stop the load: the status file says
 * why, and the figures it would have fed show "-". Nor does debugfs's
 * absence (debugfs=off): the probes count and /dev/rxpath streams.
 */
#include <linux/module.h>
#include "rxpath.h"

/* Called with the reset lock held: zero every peak and histogram we keep. */
void rxpath_reset_all(void)
{
	rxpath_softnet_reset();
	rxpath_budget_reset();
	rxpath_napi_reset();
	rxpath_rings_reset();
}

static int __init rxpath_init(void)
{
	int err;

	rxpath_budget_find();
	err = rxpath_softnet_init();
	if (err)
		goto err_out;
	err = rxpath_budget_init();
	if (err)
		goto err_softnet;
	err = rxpath_napi_init();
	if (err)
		goto err_budget;
	err = rxpath_rings_init();
	if (err)
		goto err_napi;
	rxpath_debugfs_init();
	rxpath_softnet_debugfs_init();
	rxpath_budget_debugfs_init();
	rxpath_napi_debugfs_init();
	rxpath_rings_debugfs_init();
	rxpath_chardev_init();
	pr_info("version %s loaded\n", RXPATH_VERSION);
	return 0;

err_napi:
	rxpath_napi_exit();
err_budget:
	rxpath_budget_exit();
err_softnet:
	rxpath_softnet_exit();
err_out:
	return err;
}

static void __exit rxpath_exit(void)
{
	rxpath_chardev_exit();
	rxpath_debugfs_exit();
	rxpath_rings_exit();
	rxpath_napi_exit();
	rxpath_budget_exit();
	rxpath_softnet_exit();
}

module_init(rxpath_init);
module_exit(rxpath_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("rxpath developers");
MODULE_DESCRIPTION("Receive path loss accounting: softnet backlog, NAPI budget, RX rings");
MODULE_VERSION(RXPATH_VERSION);
