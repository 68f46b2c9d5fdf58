// SPDX-License-Identifier: GPL-2.0
/*
 * Reading net.core sysctls the way `sysctl` does, and finding the variable
 * behind one on kernels that do not export it,
 * without kallsyms: rxpath reads the sysctl's /proc/sys file once, from its
 * own init, with a kprobe on the sysctl's handler (proc_dointvec and its
 * kin, which take the ctl_table as their first argument). The table's .data
 * is the variable the kernel itself reads. The kprobe records nothing but
 * rxpath's own read of the wanted name, and is gone before the lookup
 * returns.
 */
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include "rxpath.h"

struct rxpath_sysctl_lookup {
	const char *procname;
	struct task_struct *task;
	void *data;
	int maxlen;
};

static struct rxpath_sysctl_lookup *rxpath_sysctl_current;
static DEFINE_MUTEX(rxpath_sysctl_lock);

/*
 * The text of /proc/sys/net/core/<name>, NUL-terminated in buf: its length,
 * or a negative errno (-ENOENT when this kernel or namespace has no such
 * sysctl). Process context.
 */
ssize_t rxpath_sysctl_read(const char *name, char *buf, size_t size)
{
	char path[64];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/sys/net/core/%s", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, size - 1, &pos);
	filp_close(f, NULL);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* int handler(const struct ctl_table *table, int write, void *buf, ...) */
static int rxpath_sysctl_handler_pre(struct kprobe *kp, struct pt_regs *regs)
{
	const struct ctl_table *t = (const void *)regs_get_kernel_argument(regs, 0);
	struct rxpath_sysctl_lookup *l = READ_ONCE(rxpath_sysctl_current);

	if (!l || current != l->task || !t || !t->procname)
		return 0;
	if (!strcmp(t->procname, l->procname)) {
		l->data = t->data;
		l->maxlen = t->maxlen;
	}
	return 0;
}

/*
 * The variable behind /proc/sys/net/core/<procname>, whose proc_handler is
 * the function named handler and whose size must be size bytes; or an
 * ERR_PTR saying why not. Process context only (module init).
 */
void *rxpath_sysctl_net_core_var(const char *procname, const char *handler,
				 size_t size)
{
	struct rxpath_sysctl_lookup l = { .procname = procname, .task = current };
	struct kprobe kp = {
		.symbol_name = handler,
		.pre_handler = rxpath_sysctl_handler_pre,
	};
	char buf[32];
	ssize_t n;
	int err;

	mutex_lock(&rxpath_sysctl_lock);
	err = register_kprobe(&kp);
	if (!err) {
		WRITE_ONCE(rxpath_sysctl_current, &l);
		n = rxpath_sysctl_read(procname, buf, sizeof(buf));
		WRITE_ONCE(rxpath_sysctl_current, NULL);
		unregister_kprobe(&kp);
		if (n < 0)
			err = n;
	}
	mutex_unlock(&rxpath_sysctl_lock);
	if (err)
		return ERR_PTR(err);
	if (!l.data)
		return ERR_PTR(-ENOENT);
	if (l.maxlen != size)
		return ERR_PTR(-EINVAL);
	return l.data;
}
